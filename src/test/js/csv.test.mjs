import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell, csvFileName, toCsv } from '../../main/resources/META-INF/resources/js/dashboard/csv.js';

test('plain values are written as they are', () => {
    assert.equal(csvCell('General practice'), 'General practice');
    assert.equal(csvCell(1234.5), '1234.5');
    assert.equal(csvCell(-12.3), '-12.3', 'a negative number is a number, not a formula');
    assert.equal(csvCell(0), '0');
    assert.equal(csvCell(true), 'true');
});

test('missing values are empty cells', () => {
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(Number.NaN), '');
});

test('commas, quotes, line breaks and edge spaces are quoted, quotes doubled', () => {
    assert.equal(csvCell('Ng, Anna'), '"Ng, Anna"');
    assert.equal(csvCell('Dr. "Ace" Ng'), '"Dr. ""Ace"" Ng"');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('cr\rlf'), '"cr\rlf"');
    assert.equal(csvCell(' padded'), '" padded"');
});

test('text a spreadsheet would run as a formula is defused', () => {
    assert.equal(csvCell('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-2'), "'-2");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tx'), "'\tx");
});

test('a document has a header and CRLF line ends', () => {
    const csv = toCsv(['Specialty', 'Gross (EUR)'], [['Cardiology', 120.5], ['Ng, Anna', null], ['Rare', 'suppressed']]);
    assert.equal(csv, 'Specialty,Gross (EUR)\r\nCardiology,120.5\r\n"Ng, Anna",\r\nRare,suppressed\r\n');
});

test('file names say what, which period and zone, and when', () => {
    assert.equal(csvFileName('revenue-by-method', 'week', 'America/Argentina/Buenos_Aires', new Date('2026-11-26T14:05:00Z')),
        'careboard-revenue-by-method-week-America_Argentina_Buenos_Aires-2026-11-26.csv');
    assert.equal(csvFileName('x y', 'today', 'Etc/GMT+5', new Date('2026-01-02T00:00:00Z')), 'careboard-x_y-today-Etc_GMT_5-2026-01-02.csv');
});
