import { describe, expect, it } from 'vitest';
import { checkCustomerRequest, checkPriorityFormula, checkPriorityInputs, customerValue, peopleBreakdown, personValueFromTraits, priorityScore, requesterKey } from './demand.js';

describe('peopleBreakdown', () => {
  it('counts each person once: N direct + M via merged (K in both)', () => {
    expect(peopleBreakdown(['ann', 'bo', 'cy'], ['cy', 'dee', 'dee'])).toEqual({ total: 4, direct: 3, viaMerged: 2, inBoth: 1 });
    expect(peopleBreakdown([], [])).toEqual({ total: 0, direct: 0, viaMerged: 0, inBoth: 0 });
  });
});

describe('customerValue', () => {
  it('counts a company once, at the highest MRR its people report, and breaks it down per plan', () => {
    const value = customerValue([
      { company: 'Acme', mrr: 500, plan: 'pro' },
      { company: 'acme', mrr: 400, plan: 'pro' },
      { company: 'Globex', mrr: 2000, plan: 'enterprise' },
      { company: null, mrr: null, plan: null },
    ]);
    expect(value.companies).toEqual([
      { name: 'Globex', mrr: 2000, people: 1 },
      { name: 'Acme', mrr: 500, people: 2 },
    ]);
    expect(value.mrr).toBe(2500);
    expect(value.segments).toEqual([
      { plan: 'enterprise', people: 1, companies: 1, mrr: 2000 },
      { plan: 'pro', people: 2, companies: 1, mrr: 500 },
      { plan: null, people: 1, companies: 0, mrr: 0 },
    ]);
  });

  it('reads traits of the right type only', () => {
    expect(personValueFromTraits({ company: ' Acme ', mrr: 99, plan: 'pro' })).toEqual({ company: 'Acme', mrr: 99, plan: 'pro' });
    expect(personValueFromTraits({ company: 3, mrr: '99', plan: '' })).toEqual({ company: null, mrr: null, plan: null });
  });
});

describe('priorityScore', () => {
  it('explains every term of (people × w + MRR × w) × impact ÷ effort', () => {
    const explained = priorityScore({ peopleWeight: 1, mrrWeight: 0.01 }, { people: 12, mrr: 2500 }, { impact: 2, effort: 4 });
    expect(explained.score).toBe(18.5);
    expect(explained.formula).toBe('(people × 1 + MRR × 0.01) × impact ÷ effort');
    expect(explained.terms.map((term) => [term.name, term.value, term.contribution])).toEqual([
      ['people', 12, 12],
      ['mrr', 2500, 25],
      ['impact', 2, 2],
      ['effort', 4, 4],
    ]);
  });

  it('refuses weights and inputs that would make the score meaningless', () => {
    expect(checkPriorityFormula({ peopleWeight: -1, mrrWeight: Number.NaN }).map((p) => p.field)).toEqual(['peopleWeight', 'mrrWeight']);
    expect(checkPriorityInputs({ impact: -1, effort: 0 }).map((p) => p.field)).toEqual(['impact', 'effort']);
    expect(checkPriorityInputs({ impact: 3, effort: 0.5 })).toEqual([]);
  });
});

describe('customer requests', () => {
  it('needs a name or an email, and a sane source link', () => {
    expect(checkCustomerRequest({}).map((p) => p.field)).toEqual(['name']);
    expect(checkCustomerRequest({ email: 'nope' }).map((p) => p.field)).toEqual(['email']);
    expect(checkCustomerRequest({ name: 'Ann', sourceUrl: 'javascript:alert(1)' }).map((p) => p.field)).toEqual(['sourceUrl']);
    expect(checkCustomerRequest({ name: 'Ann', email: 'ann@acme.test', sourceUrl: 'https://crm.test/1', importance: 'blocker' })).toEqual([]);
  });

  it('keys a requester by email, else by name, ignoring case', () => {
    expect(requesterKey({ name: 'Ann', email: 'Ann@Acme.test ' })).toBe('email:ann@acme.test');
    expect(requesterKey({ name: ' Ann Lee ' })).toBe('name:ann lee');
  });
});
