import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BudgetLine } from './budget-line';

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('BudgetLine', () => {
  it('says what Generate reserves, then the budget left after an answer', () => {
    expect(
      text(renderToStaticMarkup(<BudgetLine estimateUsd={0.0387} budgetUsd={undefined} />)),
    ).toBe('Generate reserves up to $0.0387.');
    const after = renderToStaticMarkup(<BudgetLine estimateUsd={0.0387} budgetUsd={0.9613} />);
    expect(after).toContain('data-testid="budget"');
    expect(text(after)).toBe('Generate reserves up to $0.0387. Your budget left: $0.961.');
    expect(text(renderToStaticMarkup(<BudgetLine estimateUsd={0.0387} budgetUsd={0} />))).toContain(
      'Your budget left: $0.',
    );
  });

  it('says nothing before a model is chosen or a budget is known', () => {
    expect(
      text(renderToStaticMarkup(<BudgetLine estimateUsd={undefined} budgetUsd={undefined} />)),
    ).toBe('');
  });
});
