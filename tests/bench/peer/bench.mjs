// The peer of kofu's BM_CertificateNative (tests/bench/print_bench.cpp): the same certificate receipt encoded to
// ESC/POS by @point-of-sale/receipt-printer-encoder, timed in one process. Run by scripts/bench-print.sh.
//
//   node bench.mjs [DOCUMENT.json] [ITERATIONS]   (default: ../../../docs/samples/print/certificate.json, 2000)
//
// Prints one JSON line: {"ns_per_receipt", "bytes", "iterations", "node", "encoder_version", "unencodable_chars"}.
// The content (texts, sizes, bold, alignment, spaces, QR payloads and error levels, captions, the cut) is read from
// the same document kofu composes, so both sides encode identical content. The encoder has no Shift_JIS/Kanji
// support: it substitutes what its code pages lack ("?"), so its text bytes are single-byte stand-ins for the
// Japanese; `unencodable_chars` counts them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';

const here = dirname(fileURLToPath(import.meta.url));
const documentPath = process.argv[2] || process.env.KOFU_BENCH_DOCUMENT ||
    join(here, '..', '..', '..', 'docs', 'samples', 'print', 'certificate.json');
const iterations = Number.parseInt(process.argv[3] ?? '2000', 10);
const warmup = Math.max(Math.floor(iterations / 4), 50);

const documentJson = JSON.parse(readFileSync(documentPath, 'utf8'));
const encoderVersion =
    JSON.parse(readFileSync(join(here, 'node_modules', '@point-of-sale', 'receipt-printer-encoder', 'package.json'),
                            'utf8'))
        .version;

// The TM-T88's geometry, as kofu's "tm-t88-jp" profile has it: 180 dpi, 512 dots = 42 columns of font A.
const kDotsPerMm = 180 / 25.4;
const kRuleMarginDots = 4;

// kofu's QR fit (printer/qr.cpp fit_qr): the preferred module, 0.5 mm unless the block says otherwise, rounded
// down to whole dots. Both symbols of the certificate fit at that size, so both sides ask for the same module.
function moduleDots(block) {
  const minimum = block.module_mm ?? 0.25;
  const preferred = block.preferred_module_mm ?? Math.max(minimum, 0.5);
  return Math.max(1, Math.ceil(minimum * kDotsPerMm - 1e-9), Math.floor(preferred * kDotsPerMm + 1e-9));
}

// ESC J n: feed n dots (kofu sets GS P to one dot per unit and feeds blank space the same way).
function feed(encoder, dots) {
  for (let left = dots; left > 0; left -= 255) encoder.raw([0x1b, 0x4a, Math.min(left, 255)]);
}

function receipt() {
  const encoder = new ReceiptPrinterEncoder(
      {language: 'esc-pos', printerModel: 'epson-tm-t88vi', columns: 42, errors: 'relaxed'});
  encoder.initialize();
  for (const block of documentJson.blocks) {
    switch (block.type) {
      case 'text': {
        const scale = block.scale ?? 1;
        encoder.align(block.align ?? 'left').size(scale, scale).bold(block.bold ?? false);
        for (const line of block.text.split('\n')) encoder.line(line);
        encoder.size(1, 1).bold(false);
        break;
      }
      case 'rule':
        feed(encoder, kRuleMarginDots);
        encoder.rule();
        feed(encoder, kRuleMarginDots);
        break;
      case 'space':
        feed(encoder, Math.round((block.mm ?? 0) * kDotsPerMm));
        break;
      case 'qr':
        encoder.align(block.align ?? 'center')
            .qrcode(block.data, {model: 2, size: moduleDots(block), errorlevel: (block.ecc ?? 'M').toLowerCase()});
        if (block.caption) encoder.size('small').line(block.caption).size('normal');
        break;
      case 'cut':
        encoder.cut('partial');
        break;
      default:
        throw new Error(`${documentPath}: block type "${block.type}" has no counterpart in this peer benchmark`);
    }
  }
  return encoder.encode();
}

// Characters outside what the encoder can put on an Epson code page: Japanese in this document.
const unencodable = documentJson.blocks
                        .flatMap((block) => [block.type === 'text' ? block.text : '', block.caption ?? ''])
                        .join('')
                        .split('')
                        .filter((c) => c.codePointAt(0) > 0xff).length;

let bytes = 0;
let sink = 0;  // keeps every result alive, so no iteration can be skipped
for (let i = 0; i < warmup; ++i) sink += receipt().length;
const start = process.hrtime.bigint();
for (let i = 0; i < iterations; ++i) {
  const out = receipt();
  bytes = out.length;
  sink += out[out.length - 1];
}
const elapsed = process.hrtime.bigint() - start;
if (sink === 0) throw new Error('the encoder produced no bytes');

console.log(JSON.stringify({
  ns_per_receipt: Number(elapsed) / iterations,
  bytes,
  iterations,
  node: process.version,
  encoder_version: encoderVersion,
  unencodable_chars: unencodable,
}));
