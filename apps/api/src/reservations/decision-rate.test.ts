import { DecisionRate } from './decision-rate';

const rate = () => new DecisionRate({ windowMs: 10_000, minSpanMs: 1_000 });

describe('DecisionRate', () => {
  it('is not measured before the commits span the minimum, however small the first batches', () => {
    const decisions = rate();
    decisions.record(0, 1);
    decisions.record(50, 3);
    expect(decisions.perSecond(100)).toBeUndefined();
    expect(decisions.perSecond(999)).toBeUndefined();
  });

  it("counts the decisions committed after the window's first commit, per second since it", () => {
    const decisions = rate();
    decisions.record(0, 1); // a tiny first batch does not set the rate
    for (let at = 100; at <= 2_000; at += 100) decisions.record(at, 300);
    expect(decisions.perSecond(2_000)).toBe(3_000);
  });

  it('falls as time passes without commits: 0 with one commit left in the window, unmeasured with none', () => {
    const decisions = rate();
    decisions.record(0, 500);
    decisions.record(1_000, 500);
    expect(decisions.perSecond(1_000)).toBe(500);
    expect(decisions.perSecond(5_000)).toBe(100);
    expect(decisions.perSecond(10_500)).toBe(0);
    expect(decisions.perSecond(11_500)).toBeUndefined();
  });
});
