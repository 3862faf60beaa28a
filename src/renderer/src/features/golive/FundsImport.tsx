import { Alert, App, Button, Descriptions, Modal, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { DonationPreviewOut } from '../../../../shared/api/methods/golive';
import { platformLabel, type PlatformId } from '../../../../shared/domain/catalog';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { choiceMapping, choiceProblems, ColumnMappingForm, initialChoice, type ColumnChoice, type DonationColumnsOut } from './ColumnMappingForm';
import { fileToBase64 } from '../../util/files';
import { yuan } from '../../util/format';
import { useAsyncHandler } from '../../util/asyncHandler';

const ENCODINGS = { 'utf-8': 'UTF-8 文本', gbk: 'GBK 文本（已自动转换）', xlsx: 'Excel 表格' } as const;

/**
 * 导入捐赠明细: pick the platform's export, see what it would add (new, already imported, repeated,
 * problems by row and column), and only then import. The listing totals come back with the proposal.
 */
export function FundsImportButton({ proposalId, platform, onImported }: { proposalId: string; platform: PlatformId; onImported: () => void }) {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<DonationPreviewOut | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // 指定列: the file's columns when some could not be recognised (or the user asked to change them).
  const [cols, setCols] = useState<DonationColumnsOut | null>(null);
  const [choice, setChoice] = useState<ColumnChoice>({});
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const [mappingTried, setMappingTried] = useState(false);
  const [step, setStep] = useState<'columns' | 'preview'>('preview');
  const close = () => (setFile(null), setPreview(null), setError(null), setCols(null), setMapping(null), setMappingTried(false), setStep('preview'));

  const previewWith = async (data: string, m: Record<string, string> | null) => {
    setBusy(true);
    setError(null);
    try {
      setPreview(await api.call('funds.preview', { platform, proposalId, dataBase64: data, mapping: m }));
      setStep('preview');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const pick = async (f: File | undefined) => {
    if (!f) return;
    const data = await fileToBase64(f);
    setFile({ name: f.name, data });
    setBusy(true);
    try {
      const c = await api.call('funds.columns', { platform, dataBase64: data });
      setCols(c);
      setChoice(initialChoice(c));
      if (c.problems.length > 0) {
        setStep('columns');
        setBusy(false);
        return;
      }
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
      return;
    }
    await previewWith(data, null);
  };
  /** 预览 with the columns chosen by hand, once the choice has no problem. */
  const applyColumns = async () => {
    if (!file || !cols) return;
    setMappingTried(true);
    if (choiceProblems(cols, choice).length > 0) return;
    const m = choiceMapping(cols, choice);
    setMapping(m);
    await previewWith(file.data, m);
  };
  const confirm = async () => {
    if (!file) return;
    if (step === 'columns') return applyColumns();
    setBusy(true);
    try {
      const r = await api.call('funds.import', { platform, proposalId, dataBase64: file.data, mapping });
      message.success(`已导入 ${r.imported} 笔捐赠`);
      close();
      onImported();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" onClick={() => input.current?.click()} aria-label={`导入${platformLabel(platform)}捐赠明细`}>
        导入捐赠明细
      </Button>
      <input
        ref={input}
        type="file"
        accept=".csv,.txt,.xlsx"
        hidden
        data-testid={`funds-file-${platform}`}
        onChange={(e) => {
          void pick(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      {file && (
        <Modal
          open
          title={`导入${platformLabel(platform)}捐赠明细：${file.name}`}
          width={step === 'columns' ? 900 : 720}
          okText={step === 'columns' ? '下一步：预览' : preview ? `确认导入 ${preview.newCount} 笔` : '确认导入'}
          cancelText="取消"
          okButtonProps={{ disabled: step === 'preview' && (!preview || preview.problemCount > 0 || preview.newCount === 0) }}
          confirmLoading={busy}
          onOk={handle(confirm)}
          onCancel={close}
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {step === 'columns' && cols && <ColumnMappingForm cols={cols} platform={platform} choice={choice} onChange={setChoice} showRequired={mappingTried} />}
          {step === 'preview' && preview && (
            <>
              <Descriptions size="small" column={2} bordered>
                <Descriptions.Item label="文件">{ENCODINGS[preview.encoding]}，{preview.rowCount} 行</Descriptions.Item>
                <Descriptions.Item label="新增">
                  {preview.newCount} 笔，{yuan(preview.newFen)} 元
                </Descriptions.Item>
                <Descriptions.Item label="已导入过">{preview.alreadyImported} 笔（不重复计入）</Descriptions.Item>
                <Descriptions.Item label="文件内重复">{preview.duplicatesInFile.length} 行（已略过）</Descriptions.Item>
                <Descriptions.Item label="列" span={2}>
                  {Object.entries(preview.mapping)
                    .map(([, v]) => `「${v}」`)
                    .join('、')}
                  {cols && (
                    <Button type="link" size="small" onClick={() => setStep('columns')}>
                      重新指定列
                    </Button>
                  )}
                </Descriptions.Item>
              </Descriptions>
              {preview.problemCount > 0 && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginTop: 12 }}
                  title={`有 ${preview.problemCount} 处问题，改正文件后才能导入`}
                  description={
                    <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflow: 'auto' }}>
                      {preview.problems.map((p) => (
                        <li key={`${p.row}:${p.column}`}>
                          第 {p.row} 行「{p.column}」列：{p.message}
                        </li>
                      ))}
                    </ul>
                  }
                />
              )}
              <Typography.Text type="secondary" style={{ display: 'block', margin: '12px 0 4px' }}>
                预览（前 {preview.sample.length} 笔新增）
              </Typography.Text>
              <Table
                size="small"
                rowKey="row"
                pagination={false}
                scroll={{ y: 200 }}
                dataSource={preview.sample}
                columns={[
                  { title: '行', dataIndex: 'row', width: 60 },
                  { title: '时间', dataIndex: 'donatedAt', width: 170 },
                  { title: '金额（元）', dataIndex: 'amountFen', width: 110, render: (f: number) => yuan(f) },
                  { title: '捐赠人', dataIndex: 'donor' },
                ]}
              />
            </>
          )}
        </Modal>
      )}
    </>
  );
}
