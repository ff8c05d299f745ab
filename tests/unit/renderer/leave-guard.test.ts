import { describe, expect, it } from 'vitest';
import { guardUnsavedWork, mayLeave, onUnsavedWorkGone, provideLeaveQuestion } from '../../../renderer/app/leave-guard';

const nextMicrotask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('the question before unsaved work is left', () => {
  it('is not asked when nothing is unsaved, and is asked while a form is dirty', async () => {
    let asked = 0;
    const removeQuestion = provideLeaveQuestion(async () => {
      asked += 1;
      return false;
    });
    expect(await mayLeave()).toBe(true);
    const removeGuard = guardUnsavedWork(() => true);
    expect(await mayLeave()).toBe(false);
    expect(asked).toBe(1);
    removeGuard();
    removeQuestion();
  });

  it('says the work is gone when the form goes away clean, so an open question lets the officer out', async () => {
    let answerOpenQuestion: ((leave: boolean) => void) | null = null;
    const removeQuestion = provideLeaveQuestion(() => new Promise<boolean>((resolve) => (answerOpenQuestion = resolve)));
    const stopListening = onUnsavedWorkGone(() => answerOpenQuestion?.(true));
    const removeGuard = guardUnsavedWork(() => true);

    const leaving = mayLeave();
    expect(answerOpenQuestion).not.toBeNull();
    // The save finished and the form was unmounted while the question was open.
    removeGuard();
    expect(await leaving).toBe(true);
    stopListening();
    removeQuestion();
  });

  it('does not say so when the form only registered its check again, or is still dirty', async () => {
    let told = 0;
    const stopListening = onUnsavedWorkGone(() => (told += 1));
    const first = guardUnsavedWork(() => true);
    first();
    const second = guardUnsavedWork(() => true);
    await nextMicrotask();
    expect(told).toBe(0);
    second();
    await nextMicrotask();
    expect(told).toBe(1);
    stopListening();
  });
});
