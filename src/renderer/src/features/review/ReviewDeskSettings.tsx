import { CopyOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Radio, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import type { ReviewDesk } from '../../../../shared/api/methods/review';
import { api } from '../../api';
import { useBusyAction } from '../../util/busyAction';
import { errorText } from '../../util/errors';
import { download, fileToBase64 } from '../../util/files';

type Kind = ReviewDesk['kind'];
const KIND_LABEL: Record<Kind, string> = { district: '区县台', federation: '总会审核台' };

/** Text files cross the API and the download helper as base64, like every other file. */
const textToBase64 = (text: string) => fileToBase64(new Blob([text], { type: 'text/plain' }));

/**
 * 设置 → 审核台: what this desk is when it works without the federation server. The federation's
 * review desk holds the signing key and gives its public key to the districts; a district's desk is
 * given that key, so review results that arrive in a file can be checked as the federation's.
 */
export function ReviewDeskSettings() {
  const { message, modal } = App.useApp();
  const [desk, setDesk] = useState<ReviewDesk | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>('district');
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, runBusy] = useBusyAction({ onError: (e) => setError(errorText(e)) });

  const show = (d: ReviewDesk) => {
    setDesk(d);
    setKind(d.kind);
    setName(d.userName);
    setKey('');
  };
  useEffect(() => {
    api
      .call('review.desk', {})
      .then(show)
      .catch((e) => setLoadError(errorText(e)));
  }, []);

  const save = () => {
    setError(null);
    return runBusy(async () => {
      const d = await api.call('review.setDesk', kind === 'federation' ? { kind, name } : { kind, name, ...(key.trim() ? { federationKey: key } : {}) });
      show(d);
      message.success(d.kind === 'federation' ? '本机已设为总会审核台。请把下面的总会公钥发给各区县。' : `本机已设为区县台${d.publicKey ? '，总会公钥已配置' : ''}`);
    });
  };
  // Turning the review desk into a district's throws its signing key away: say so before doing it.
  const confirmSave = () => {
    if (desk?.canSign && kind === 'district') {
      modal.confirm({
        title: '改为区县台？',
        content: '本机保存的总会签名密钥将被删除，之后无法再签发审核决定，各区县已配置的公钥也将失去对应的密钥。确定要改吗？',
        okText: '确定改为区县台',
        cancelText: '取消',
        okButtonProps: { danger: true },
        onOk: save,
      });
    } else void save();
  };

  const readKeyFile = async (file: File) => {
    try {
      setKey(await file.text());
    } catch (e) {
      setError(`无法读取公钥文件：${errorText(e)}`);
    }
    return false;
  };
  const copyKey = async (pem: string) => {
    try {
      await navigator.clipboard.writeText(pem);
      message.success('已复制总会公钥');
    } catch {
      message.error('无法写入剪贴板，请改用「导出公钥」');
    }
  };
  const exportKey = async (pem: string) => download('善策总会公钥.pem', await textToBase64(pem), 'application/x-pem-file');

  if (loadError) return <Alert type="error" showIcon title={loadError} />;
  if (!desk) return null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 760 }} data-testid="review-desk-settings">
      <Alert type="info" showIcon title="已连接总会服务器时无需设置：审核决定经服务器按账号角色传递。此处用于不连接服务器、以文件交换审核结果的电脑。" />
      <Card title="本机身份" size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label="当前">
            <span data-testid="review-desk-current">
              {KIND_LABEL[desk.kind]}：{desk.userName}
            </span>
          </Descriptions.Item>
          {desk.kind === 'district' && <Descriptions.Item label="总会公钥">{desk.publicKey ? '已配置，可核验总会发来的审核结果' : '未配置，无法导入审核结果'}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {desk.kind === 'federation' && desk.publicKey && (
        <Card title="总会公钥（发给各区县，在区县台中配置）" size="small">
          <Input.TextArea aria-label="总会公钥" readOnly value={desk.publicKey} autoSize data-testid="review-desk-public-key" style={{ fontFamily: 'monospace' }} />
          <Space style={{ marginTop: 8 }}>
            <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copyKey(desk.publicKey!)}>
              复制公钥
            </Button>
            <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportKey(desk.publicKey!)}>
              导出公钥
            </Button>
          </Space>
        </Card>
      )}
      <Card title="设定本机身份" size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group aria-label="本机身份" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <Radio value="district">区县台（提交项目，导入总会的审核结果）</Radio>
            <Radio value="federation">总会审核台（审核并签发决定，持有总会签名密钥）</Radio>
          </Radio.Group>
          <Input aria-label="名称" placeholder={kind === 'federation' ? '审核人，如：总会 李审' : '区县或经办人，如：城口县 张敏'} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          {kind === 'district' && (
            <>
              <Input.TextArea
                aria-label="总会公钥"
                rows={4}
                placeholder={desk.kind === 'district' && desk.publicKey ? '已配置；如需更换，粘贴新的总会公钥（-----BEGIN PUBLIC KEY----- …）' : '粘贴总会审核台给出的公钥（-----BEGIN PUBLIC KEY----- …）'}
                value={key}
                onChange={(e) => setKey(e.target.value)}
                style={{ fontFamily: 'monospace' }}
              />
              <Upload accept=".pem,.txt,text/plain" showUploadList={false} beforeUpload={readKeyFile} data-testid="review-desk-key-file">
                <Button icon={<UploadOutlined aria-hidden />}>从文件导入公钥</Button>
              </Upload>
            </>
          )}
          {kind === 'federation' && !desk.canSign && <Typography.Text type="secondary">保存后本机生成总会签名密钥（只保存在本机项目库中）并显示公钥。</Typography.Text>}
          {error && <Alert type="error" showIcon title={error} data-testid="review-desk-error" />}
          <Button type="primary" loading={busy} onClick={confirmSave}>
            保存本机身份
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
