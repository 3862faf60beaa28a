import type { EditorThemeClasses } from 'lexical';

export const editorTheme: EditorThemeClasses = {
  paragraph: 'rt-paragraph',
  heading: { h1: 'rt-h', h2: 'rt-h', h3: 'rt-h' },
  list: { ul: 'rt-ul', ol: 'rt-ol', listitem: 'rt-li' },
  text: { bold: 'rt-bold', italic: 'rt-italic', underline: 'rt-underline' },
};
