import { ExportSlots, stallGuard } from './training-plan.export-limits';

describe('export limits', () => {
  it('hands out as many slots as the limit, and each release frees one, once', () => {
    const slots = new ExportSlots(2);
    const [a, b] = [slots.take(), slots.take()];
    expect(slots.take()).toBeNull();
    a!();
    a!();
    const c = slots.take();
    expect(c).not.toBeNull();
    expect(slots.take()).toBeNull();
    b!();
    c!();
    expect([slots.take(), slots.take()].every((r) => r !== null)).toBe(true);
  });

  describe('the stall guard', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('fails once its reader has taken nothing for the whole wait, counting from the last chunk that moved', () => {
      const guard = stallGuard(60_000);
      guard.on('error', () => undefined);
      guard.on('data', () => undefined);
      jest.advanceTimersByTime(59_000);
      guard.write('Site,Training needed\r\n');
      jest.advanceTimersByTime(59_000);
      expect(guard.destroyed).toBe(false);
      jest.advanceTimersByTime(1_000);
      expect(guard.destroyed).toBe(true);
      expect(guard.errored?.message).toBe('the client read nothing for 60000 ms');
    });

    it('stops watching once the export has ended', () => {
      const guard = stallGuard(60_000);
      guard.on('data', () => undefined);
      guard.end('last line\r\n');
      jest.runAllTimers();
      expect(guard.errored).toBeNull();
    });
  });
});
