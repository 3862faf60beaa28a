import { Input } from 'antd';
import type { InputProps } from 'antd';
import type { TextAreaProps } from 'antd/es/input';
import { useRef, useState, type ChangeEvent, type CompositionEvent } from 'react';

/**
 * While an input method is composing, the field shows the pinyin but the draft does not change:
 * the value is committed only when composition ends (or on ordinary typing). Autosave and live
 * checks therefore never see half-typed pinyin.
 */
function useImeValue(value: string, onCommit: (v: string) => void) {
  const composing = useRef(false);
  const [shown, setShown] = useState<string | null>(null);
  return {
    value: shown ?? value,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (composing.current) {
        setShown(e.target.value);
        return;
      }
      setShown(null);
      onCommit(e.target.value);
    },
    onCompositionStart: () => {
      composing.current = true;
      setShown(value);
    },
    onCompositionEnd: (e: CompositionEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      composing.current = false;
      setShown(null);
      onCommit(e.currentTarget.value);
    },
  };
}

type Commit = { value: string; onCommit: (v: string) => void };

export function ImeInput({ value, onCommit, ...rest }: Omit<InputProps, 'value' | 'onChange'> & Commit) {
  return <Input {...rest} {...useImeValue(value, onCommit)} />;
}

export function ImeTextArea({ value, onCommit, ...rest }: Omit<TextAreaProps, 'value' | 'onChange'> & Commit) {
  return <Input.TextArea {...rest} {...useImeValue(value, onCommit)} />;
}
