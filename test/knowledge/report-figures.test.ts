/**
 * Every figure of the bureau's 2020 disclosure report is answerable: a citizen's question
 * reaches the right report item, and the reply quotes the figure exactly.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cleanTemps, testEngine, type TestEngine } from '../helpers.js';

const FIGURES: [question: string, figure: string][] = [
  ['洛阳户籍政务公开标准指引分了几个方面多少项', '34'],
  ['户籍指引每个事项公开哪些内容', '公开层级'],
  ['2020年公安局主动公开了多少条信息', '660'],
  ['2020年发布了几条规章和规范性文件', '11'],
  ['2020年政策解读发了多少条', '33'],
  ['平安洛阳新媒体矩阵2020年一共发了多少条', '5.3'],
  ['平安洛阳原创微博发了多少条', '8542'],
  ['平安洛阳微信发了多少条', '701'],
  ['平安洛阳头条号发了多少条', '584'],
  ['洛阳交警抖音发了几篇', '7'],
  ['洛阳交警今日头条发了多少篇', '85'],
  ['2020年收到多少件政府信息公开申请', '19'],
  ['2020年依申请公开有几件予以公开', '7'],
  ['有几件申请是本机关不掌握相关信息', '6'],
  ['2020年补正后申请内容仍不明确的有几件', '2'],
  ['2020年信访举报投诉类的申请有几件', '2'],
  ['2020年信息公开被行政复议几件', '5'],
  ['2020年信息公开行政诉讼几件', '4'],
  ['2020年规范性文件对外公开总数是多少', '3'],
  ['2020年行政许可处理决定数量是多少', '1577961'],
  ['行政许可事项本年增加了几项', '29'],
  ['其他对外管理服务事项处理决定多少件', '413'],
  ['2020年行政处罚处理决定数量', '1741703'],
  ['行政处罚事项比上一年减少了多少', '25'],
  ['2020年行政强制决定有多少', '59103'],
  ['行政事业性收费项目有几项', '64'],
  ['政府集中采购项目数量和总金额', '20635.42'],
  ['2020年参加了几场公安部舆论引导视频培训', '4'],
];

describe('2020 report figures', () => {
  let t: TestEngine;
  beforeAll(() => {
    t = testEngine();
  });
  afterAll(() => {
    t.close();
    cleanTemps();
  });

  test.each(FIGURES)('%s → %s', async (question, figure) => {
    const r = await t.ask(question, `fig-${question}`);
    expect(r.kind).toBe('answer');
    expect(r.item?.category).toBe('年度报告');
    expect(r.text.replace(/[,，](?=\d{3})/g, '')).toContain(figure);
    expect(r.text).toContain('2020');
  });
});
