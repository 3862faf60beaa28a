import { Alert, Radio, Typography } from 'antd';
import type { BundleConflict, ConflictResolution } from '../../../../shared/api/methods/bundles';
import { dateTime } from '../../util/format';

function Age({ conflict: c }: { conflict: BundleConflict }) {
  if (c.incomingIsNewer) return <Typography.Text type="success">（较新）</Typography.Text>;
  if (Date.parse(c.incomingUpdatedAt) === Date.parse(c.existingUpdatedAt)) return <Typography.Text type="secondary">（与库中相同）</Typography.Text>;
  return <Typography.Text type="warning">（较旧）</Typography.Text>;
}

function Side({ heading, title, district, updatedAt, age }: { heading: string; title: string; district: string; updatedAt: string; age?: React.ReactNode }) {
  return (
    <div className="conflict-side">
      <Typography.Text type="secondary">{heading}</Typography.Text>
      <Typography.Text strong className="conflict-title">
        {title || '（未命名）'}
      </Typography.Text>
      <span>区县：{district || '未填写'}</span>
      <span>
        最后修改：{dateTime(updatedAt)}
        {age}
      </span>
    </div>
  );
}

/** The default answer: none for a newer version of the same project, 保留两份 when it looks like another project. */
export const defaultChoice = (c: BundleConflict): ConflictResolution | undefined => (c.differentProject ? 'keepBoth' : undefined);

/**
 * One id that is already in the library: both sides (title, district, last change), a warning when
 * they look like two different projects (another district's copy kept the id), and the choice.
 */
export function ConflictCard({ conflict: c, value, onChange }: { conflict: BundleConflict; value: ConflictResolution | undefined; onChange: (v: ConflictResolution) => void }) {
  const options = [
    { value: 'keepBoth', label: '保留两份' },
    { value: 'replace', label: c.differentProject ? '替换（覆盖库中的另一个项目）' : '替换为导入的版本' },
    { value: 'skip', label: '跳过' },
  ];
  return (
    <section className={c.differentProject ? 'conflict-card different' : 'conflict-card'} aria-label={`编号冲突：${c.incomingTitle || c.id}`} data-testid="conflict-card">
      {c.differentProject && (
        <Alert
          type="warning"
          showIcon
          title="编号相同，但看起来是两个不同的项目"
          description={
            <>
              {c.differences.join('；')}。可能是复制了其他区县的项目文件。替换会用导入的项目覆盖库中的项目，建议保留两份。
            </>
          }
        />
      )}
      <div className="conflict-sides">
        <Side heading="项目库中" title={c.existingTitle} district={c.existingDistrict} updatedAt={c.existingUpdatedAt} />
        <Side heading="交换包中" title={c.incomingTitle} district={c.incomingDistrict} updatedAt={c.incomingUpdatedAt} age={<Age conflict={c} />} />
      </div>
      <Radio.Group value={value} onChange={(e) => onChange(e.target.value as ConflictResolution)} options={options} aria-label="处理方式" />
    </section>
  );
}
