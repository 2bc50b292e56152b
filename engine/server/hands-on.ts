// Hands-on mode: the scenario's "the occupant taps Confirm/Decline" steps wait for the user's own tap on the
// device screen. Such a step keeps its id but is re-triggered by the matching answer on that screen, so its
// expectations ("door open within 2 s of the confirm") are measured from the user's tap, and a wrong answer
// leaves the step unfired — the verdict says so instead of the script papering over it.
import type { ResolvedScenario, Step } from '../scenario';

/** A scenario screen reference (`vehicle/car1`, `phone/alice`, `home/h1/screen.tv`) → the screen twin's address. */
export function screenTwinAddress(screen: string): string {
  return /^(vehicle|phone)\/[^/]+$/.test(screen) ? `${screen}/screen` : screen;
}

/** The step answered by hand: every action is a confirm or decline on one screen. */
function handAnswerOf(step: Step): { screen: string; answer: 'confirmed' | 'declined' } | undefined {
  const answers = step.actions.filter((a) => a.type === 'confirm' || a.type === 'decline');
  if (answers.length === 0 || answers.length !== step.actions.length) return undefined;
  const first = answers[0]!;
  if (answers.some((a) => a.type !== first.type || a.screen !== first.screen)) return undefined;
  return { screen: screenTwinAddress(first.screen), answer: first.type === 'confirm' ? 'confirmed' : 'declined' };
}

export function isAnsweredByHand(step: Step): boolean {
  return handAnswerOf(step) !== undefined;
}

export function handsOnScenario(scenario: ResolvedScenario): ResolvedScenario {
  const steps = scenario.steps.map((step): Step => {
    const hand = handAnswerOf(step);
    if (hand === undefined) return step;
    return {
      ...step,
      trigger: { kind: 'event', event: { type: 'prompt.answered', source: hand.screen, data: { answer: hand.answer } } },
      actions: [],
    };
  });
  return { ...scenario, steps };
}
