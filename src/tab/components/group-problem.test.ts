import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useGroupProblem } from './GroupProblem.js';

function Group({ text, announced }: { readonly text: string | undefined; readonly announced?: boolean }) {
  const problem = useGroupProblem(text, announced === undefined ? {} : { announced });
  return createElement('fieldset', problem.groupProps, createElement('legend', null, 'Supervisees'), createElement(Fragment, null, problem.message));
}

const render = (text: string | undefined, announced?: boolean) => renderToStaticMarkup(createElement(Group, announced === undefined ? { text } : { text, announced }));

describe('useGroupProblem', () => {
  it("ties the group to its problem's message with aria-describedby", () => {
    const html = render('Add at least one supervisee.');
    const describedBy = /<fieldset aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(describedBy).toBeTruthy();
    expect(html).toContain(`<p id="${describedBy}"`);
    expect(html).toMatch(/>Add at least one supervisee\.<\/p>/);
    // The screen's alert region announces it: the message is not an alert too, unless asked.
    expect(html).not.toContain('role="alert"');
    expect(render('Add at least one supervisee.', true)).toContain('role="alert"');
  });

  it('leaves the group alone when there is no problem', () => {
    expect(render(undefined)).toBe('<fieldset><legend>Supervisees</legend></fieldset>');
    expect(render('')).toBe('<fieldset><legend>Supervisees</legend></fieldset>');
  });
});
