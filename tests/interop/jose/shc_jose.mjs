// The other side of the interoperability test: SMART Health Cards signed and verified with panva/jose and Node's
// zlib, independently of kofu's C++ code.
//   node shc_jose.mjs verify JWKS_FILE JWS_FILE      → prints the payload's iss; exit 0 valid, 1 invalid
//   node shc_jose.mjs sign OUT_DIR BUNDLE_FILE ISS   → writes OUT_DIR/jwks.json and OUT_DIR/card.jws
//   node shc_jose.mjs bench BUNDLE_FILE [N]          → µs per issue (compress + sign) and per verify, for
//                                                      docs/benchmarks.md (the peer of tests/bench/shc_bench.cpp)
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as jose from 'jose';

const HEALTH_CARD = 'https://smarthealth.cards#health-card';

async function verify(jwksFile, jwsFile) {
  const jwks = JSON.parse(readFileSync(jwksFile, 'utf8'));
  const jws = readFileSync(jwsFile, 'utf8').trim();
  const header = jose.decodeProtectedHeader(jws);
  if (header.alg !== 'ES256' || header.zip !== 'DEF' || typeof header.kid !== 'string') {
    throw new Error(`unexpected header ${JSON.stringify(header)}`);
  }
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error(`no key with kid ${header.kid}`);
  if ((await jose.calculateJwkThumbprint(jwk, 'sha256')) !== header.kid) throw new Error('kid is not the thumbprint');
  const key = await jose.importJWK(jwk, 'ES256');
  // jose verifies the signature over the compressed bytes; the payload is inflated here, as SMART Health Cards say.
  const { payload } = await jose.compactVerify(jws, key, { algorithms: ['ES256'] });
  const claims = JSON.parse(inflateRawSync(Buffer.from(payload)).toString('utf8'));
  if (!claims.vc?.type?.includes(HEALTH_CARD)) throw new Error('vc.type lacks #health-card');
  if (claims.vc.credentialSubject?.fhirVersion !== '4.0.1') throw new Error('fhirVersion is not 4.0.1');
  if (claims.vc.credentialSubject?.fhirBundle?.resourceType !== 'Bundle') throw new Error('no fhirBundle');
  console.log(claims.iss);
}

async function sign(outDir, bundleFile, iss) {
  const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const jwk = await jose.exportJWK(publicKey);
  jwk.kid = await jose.calculateJwkThumbprint(jwk, 'sha256');
  jwk.use = 'sig';
  jwk.alg = 'ES256';
  const claims = {
    iss,
    nbf: Math.floor(Date.now() / 1000) - 60,
    vc: {
      type: [HEALTH_CARD],
      credentialSubject: { fhirVersion: '4.0.1', fhirBundle: JSON.parse(readFileSync(bundleFile, 'utf8')) },
    },
  };
  const compressed = deflateRawSync(Buffer.from(JSON.stringify(claims)));
  const jws = await new jose.CompactSign(compressed)
    .setProtectedHeader({ zip: 'DEF', alg: 'ES256', kid: jwk.kid })
    .sign(privateKey);
  writeFileSync(`${outDir}/jwks.json`, JSON.stringify({ keys: [jwk] }));
  writeFileSync(`${outDir}/card.jws`, jws);
}

async function bench(bundleFile, n = '500') {
  const count = Number(n);
  const { publicKey, privateKey } = await jose.generateKeyPair('ES256');
  const claims = {
    iss: 'https://vc.example.lg.jp/issuer',
    nbf: 1700000000,
    vc: {
      type: [HEALTH_CARD],
      credentialSubject: { fhirVersion: '4.0.1', fhirBundle: JSON.parse(readFileSync(bundleFile, 'utf8')) },
    },
  };
  const issue = () =>
    new jose.CompactSign(deflateRawSync(Buffer.from(JSON.stringify(claims)), { level: 9 }))
      .setProtectedHeader({ zip: 'DEF', alg: 'ES256', kid: 'k' })
      .sign(privateKey);
  const jws = await issue();
  let start = process.hrtime.bigint();
  for (let i = 0; i < count; ++i) await issue();
  const issueUs = Number(process.hrtime.bigint() - start) / 1000 / count;
  start = process.hrtime.bigint();
  for (let i = 0; i < count; ++i) {
    const { payload } = await jose.compactVerify(jws, publicKey);
    JSON.parse(inflateRawSync(Buffer.from(payload)).toString('utf8'));
  }
  const verifyUs = Number(process.hrtime.bigint() - start) / 1000 / count;
  console.log(JSON.stringify({ node: process.version, issue_us: issueUs.toFixed(1), verify_us: verifyUs.toFixed(1) }));
}

const [command, ...args] = process.argv.slice(2);
try {
  if (command === 'verify') await verify(...args);
  else if (command === 'sign') await sign(...args);
  else if (command === 'bench') await bench(...args);
  else throw new Error('usage: shc_jose.mjs verify JWKS JWS | sign OUT_DIR BUNDLE ISS');
} catch (error) {
  console.error(`shc_jose.mjs ${command}: ${error.message}`);
  process.exit(1);
}
