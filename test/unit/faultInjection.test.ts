import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkInput } from '../../fuzz/checks';
import { createRng } from '../../fuzz/rng';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { createLanguageService } from '../../server/src/service/languageService';
import { RULE_FAMILIES } from '../../server/src/service/profilexml/rules';
import { schemaIndex } from '../../server/src/service/profilexml/schema';
import type { RuleFamily } from '../../server/src/service/profilexml/rules/ruleTypes';
import { WORKSPACE_RULE_FAMILIES } from '../../server/src/service/workspace/rules';
import { CLEAN_PROFILE, diagnose, doc, service } from '../helpers/service';

// Internal errors are never swallowed: a feature that meets a bug degrades (the server logs it,
// the CLI fails the run), but the tests' and the fuzzer's services let it throw, so that a bug in
// any rule or feature fails them. These tests make one throw on purpose and watch it surface.

const BOOM = 'injected fault';

/** Runs `body` with `family.check` replaced by one that throws. */
function withThrowingFamily<T>(family: { check: (...args: never[]) => void }, body: () => T): T {
  const original = family.check;
  family.check = () => {
    throw new Error(BOOM);
  };
  try {
    return body();
  } finally {
    family.check = original;
  }
}

describe('fault injection: internal errors reach the tests and the fuzzer', () => {
  it('a ProfileXML rule that throws fails validation in the tests (the corpus suite validates through this service)', () => {
    const family = RULE_FAMILIES.find((f) => f.ids.includes('weak-crypto')) as RuleFamily;
    assert.throws(() => withThrowingFamily(family, () => diagnose(CLEAN_PROFILE)), new RegExp(BOOM));
    assert.deepEqual(diagnose(CLEAN_PROFILE), [], 'and the service is fine again afterwards');
  });

  it('a rule across files that throws fails validation too (it used to be swallowed)', () => {
    const family = WORKSPACE_RULE_FAMILIES[0];
    assert.throws(() => withThrowingFamily(family, () => diagnose(CLEAN_PROFILE)), new RegExp(BOOM));
  });

  it('with a logging hook, the same fault costs only that family: the other rules still report, and the hook hears it', () => {
    const heard: string[] = [];
    const logging = createLanguageService({
      wasm: nodeWasmSource(),
      onInternalError: (where, error) => heard.push(`${where}: ${(error as Error).message}`),
    });
    const family = RULE_FAMILIES.find((f) => f.ids.includes('weak-crypto')) as RuleFamily;
    const text = CLEAN_PROFILE.replace('<AlwaysOn>true<', '<AlwaysOn>yes<').replace('<DHGroup>Group14<', '<DHGroup>Group2<');
    const codes = withThrowingFamily(family, () => logging.validate(doc(text)).map((d) => String(d.code)));
    assert.ok(codes.includes('invalid-value'), 'a value rule still reports');
    assert.ok(!codes.includes('weak-crypto'), 'the broken family reports nothing');
    assert.equal(heard.length, 1);
    assert.match(heard[0], /ProfileXML rules \(.*weak-crypto.*\): injected fault/);
  });

  it('completion and hover that throw are crashes for the fuzzer (they used to answer nothing, silently)', () => {
    // The model's root element, read by completion, hover and validation: made to throw.
    const index = schemaIndex();
    const root = index.root;
    Object.defineProperty(index, 'root', {
      configurable: true,
      get: () => {
        throw new Error(BOOM);
      },
    });
    let calls: string[];
    try {
      const result = checkInput(service, { xmlText: CLEAN_PROFILE, scriptText: '', kind: 'xml' }, createRng(1), {
        timeLimitMs: 10_000,
        neighbour: false,
      });
      calls = result.failures.filter((f) => f.kind === 'crash' && f.message.includes(BOOM)).map((f) => f.call.split('@')[0]);
    } finally {
      Object.defineProperty(index, 'root', { configurable: true, enumerable: true, writable: true, value: root });
    }
    assert.ok(calls.includes('complete'), calls.join(', '));
    assert.ok(calls.includes('hover'), calls.join(', '));
  });
});
