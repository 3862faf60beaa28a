import { Typography } from 'antd';
import type { ReactNode } from 'react';
import type { GuideExample, GuidePage } from '../../../../shared/handbook/schema';

export function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="hb-block" aria-label={title}>
      <Typography.Title level={5} className="hb-block-title">
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

export function Bullets({ items, ordered = false, className }: { items: readonly string[]; ordered?: boolean; className?: string }) {
  const Tag = ordered ? 'ol' : 'ul';
  return (
    <Tag className={`hb-list ${className ?? ''}`}>
      {items.map((t, i) => (
        <li key={i}>{t}</li>
      ))}
    </Tag>
  );
}

/** The good and the weak way of writing the same thing, side by side when there is room. */
export function ExamplePair({ ex }: { ex: GuideExample }) {
  return (
    <figure className="hb-example">
      <figcaption className="hb-example-topic">{ex.topic}</figcaption>
      <div className="hb-example-pair">
        <div className="hb-good">
          <div className="hb-example-label">好的写法</div>
          <p>{ex.good}</p>
        </div>
        <div className="hb-weak">
          <div className="hb-example-label">弱的写法</div>
          <p>{ex.weak}</p>
        </div>
      </div>
      <p className="hb-why">
        <strong>为什么：</strong>
        {ex.why}
      </p>
    </figure>
  );
}

/** One page of the handbook: what readers look for, the questions to answer, mistakes, examples. */
export function GuidePageView({ page }: { page: GuidePage }) {
  return (
    <>
      <Block title="评审和捐赠人看什么">
        <Bullets items={page.lookFor} />
      </Block>
      <Block title="要回答的问题">
        <Bullets items={page.questions} ordered />
      </Block>
      <Block title="常见错误">
        <Bullets items={page.mistakes} className="hb-mistakes" />
      </Block>
      <Block title="好坏对照">
        {page.examples.map((ex, i) => (
          <ExamplePair key={i} ex={ex} />
        ))}
      </Block>
      {page.tips.length > 0 && (
        <Block title="动手要点">
          <Bullets items={page.tips} />
        </Block>
      )}
    </>
  );
}
