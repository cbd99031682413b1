// Backstage's own catalog model holds what ownlint writes and reads (tests/backstage.sh).
//
//   node validate.mjs FILE...             every entity of every YAML stream passes the
//                                         catalog's entity policies and its kind's validator
//   node validate.mjs --must-fail FILE    some entity of the stream is rejected
//   node validate.mjs --refs refs.json    each reference resolves to the key ownlint gives
//                                         it (tests/backstage_refs.rs holds ownlint to the
//                                         same table), or fails where ownlint's does
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from "@backstage/catalog-model";

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
const kinds = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

// The first reason the catalog rejects an entity, or null.
async function rejection(entity) {
  try {
    await policy.enforce(structuredClone(entity));
    for (const kind of kinds) {
      if (await kind.check(entity)) {
        return null;
      }
    }
    return `no validator takes kind ${JSON.stringify(entity.kind)}`;
  } catch (e) {
    return e.message;
  }
}

function entities(path) {
  const docs = parseAllDocuments(readFileSync(path, "utf8"));
  return docs.map((d) => d.toJS()).filter((e) => e !== null);
}

async function validate(paths, mustFail) {
  let failed = false;
  for (const path of paths) {
    const found = entities(path);
    if (found.length === 0) {
      console.error(`${path}: no entity`);
      failed = true;
    }
    let rejected = 0;
    for (const entity of found) {
      const why = await rejection(entity);
      if (why !== null) {
        rejected += 1;
        if (!mustFail) {
          console.error(`${path}: ${entity.kind} ${entity.metadata?.name}: ${why}`);
        }
      }
    }
    if (mustFail && rejected === 0) {
      console.error(`${path}: every entity passed, but this file must fail`);
      failed = true;
    }
    if (!mustFail && rejected > 0) {
      failed = true;
    }
    console.log(`${path}: ${found.length} entities, ${rejected} rejected`);
  }
  return !failed;
}

function refs(path) {
  let ok = true;
  const cases = JSON.parse(readFileSync(path, "utf8"));
  for (const { ref, defaultKind, defaultNamespace, key } of cases) {
    let got;
    try {
      got = stringifyEntityRef(parseEntityRef(ref, { defaultKind, defaultNamespace }));
    } catch {
      got = null;
    }
    if (got !== key) {
      console.error(`${JSON.stringify(ref)}: Backstage gives ${got}, the table ${key}`);
      ok = false;
    }
  }
  console.log(`${path}: ${cases.length} references`);
  return ok;
}

const args = process.argv.slice(2);
let ok;
if (args[0] === "--refs") {
  ok = refs(args[1]);
} else if (args[0] === "--must-fail") {
  ok = await validate(args.slice(1), true);
} else {
  ok = await validate(args, false);
}
process.exit(ok ? 0 : 1);
