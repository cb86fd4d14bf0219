import { JOB_KINDS } from '@onsale/queue';
import { assertHandlesEveryJobKind, COMMANDS } from './commands';

describe('the partition command registry', () => {
  it('handles every job kind of the contract, each with a function', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual([...JOB_KINDS].sort());
    expect(() => assertHandlesEveryJobKind(COMMANDS)).not.toThrow();
  });

  it('refuses at start-up a registry missing a kind or naming one the contract does not define', () => {
    const { expire: _expire, ...withoutExpire } = COMMANDS;
    expect(() => assertHandlesEveryJobKind(withoutExpire)).toThrow('missing expire');
    expect(() => assertHandlesEveryJobKind({ ...COMMANDS, refund: async () => undefined })).toThrow('unknown refund');
    expect(() => assertHandlesEveryJobKind({ ...COMMANDS, decide: 'not a function' })).toThrow('missing decide');
  });
});
