/**
 * Screen-reader labels some antd parts hard-code in English whatever the ConfigProvider locale:
 * the number input's step buttons, a select's clear button, a table's select-all box. There is no
 * prop for them, so the app's own DOM is corrected as it appears (zh_CN everywhere).
 */
export const CHINESE_ARIA: Readonly<Record<string, string>> = {
  'Increase Value': '增加数值',
  'Decrease Value': '减少数值',
  Clear: '清除',
  'Select all': '全选',
  'Custom selection': '自定义选择',
  'Add tab': '添加标签页',
  'Clear color': '清除颜色',
  'segmented control': '分段选择',
};

/** antd icons label themselves with their English file name; the common ones in Chinese. */
const ICONS: Readonly<Record<string, string>> = {
  search: '搜索',
  down: '展开',
  up: '收起',
  'close-circle': '清除',
  close: '关闭',
  left: '向前',
  right: '向后',
  ellipsis: '更多',
  plus: '添加',
  delete: '删除',
  check: '确定',
  loading: '加载中',
  calendar: '日历',
  'swap-right': '至',
  'question-circle': '帮助',
  'info-circle': '提示',
  'exclamation-circle': '注意',
  'check-circle': '通过',
  'close-circle-filled': '清除',
};

function translate(el: Element): void {
  const label = el.getAttribute('aria-label');
  if (!label) return;
  const zh = CHINESE_ARIA[label] ?? (el.classList.contains('anticon') ? ICONS[label] : undefined);
  if (zh) el.setAttribute('aria-label', zh);
  // Any other icon named in English is decoration beside its control's own label.
  else if (el.classList.contains('anticon') && /^[a-z]+(?:-[a-z]+)*$/.test(label)) el.setAttribute('aria-hidden', 'true');
}

/** Keep every aria-label under `root` in Chinese, now and as parts mount or re-render. */
export function keepAriaLabelsChinese(root: Node): MutationObserver {
  const sweep = (node: Node) => {
    if (!(node instanceof Element)) return;
    translate(node);
    node.querySelectorAll('[aria-label]').forEach(translate);
  };
  sweep(root);
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') translate(r.target as Element);
      else r.addedNodes.forEach(sweep);
    }
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  return observer;
}
