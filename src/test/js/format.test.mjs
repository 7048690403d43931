import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
    MISSING, bucketUnit, createFormatters, formatBuckets, formatLastUpdated, formatSeconds,
} from '../../main/resources/META-INF/resources/js/analytics/format.js';

// Intl writes narrow no-break spaces in some locales; compare with plain spaces.
const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ');

test("money shows its currency, in the locale's way", () => {
    assert.equal(createFormatters({ locale: 'en-US', currency: 'EUR' }).money(1234.5), '€1,234.50');
    assert.equal(plain(createFormatters({ locale: 'de-DE', currency: 'EUR' }).money(1234.5)), '1.234,50 €');
    assert.equal(createFormatters({ locale: 'en-US', currency: 'USD' }).money(-20), '-$20.00');
    assert.equal(createFormatters({ locale: 'en-GB', currency: 'CHF' }).currencySymbol, 'CHF');
});

test('counts, ratios, changes, minutes and averages', () => {
    const f = createFormatters({ locale: 'en-US', currency: 'EUR' });
    assert.equal(f.integer(1234567), '1,234,567');
    assert.equal(f.ratio(0.7143), '71.43%');
    assert.equal(f.ratio(0.5), '50.0%');
    assert.equal(f.change(12.3), '+12.3%');
    assert.equal(f.change(-4), '-4.0%');
    assert.equal(f.change(0), '0.0%');
    assert.equal(f.minutes(12.5), '12.5 min');
    assert.equal(f.rating(4.5), '4.50');
    assert.equal(f.average(120.44), '120.4');
    const de = createFormatters({ locale: 'de-DE', currency: 'EUR' });
    assert.equal(plain(de.ratio(0.7143)), '71,43 %');
    assert.equal(de.integer(1234567), '1.234.567');
});

test('a missing value is a dash, never zero', () => {
    const f = createFormatters({ locale: 'en-US' });
    for (const format of [f.integer, f.money, f.ratio, f.change, f.minutes, f.rating, f.average]) {
        assert.equal(format(null), MISSING);
        assert.equal(format(undefined), MISSING);
    }
    assert.equal(f.integer(0), '0');
});

test('bucket units from their labels', () => {
    assert.equal(bucketUnit('2026-03-29T03:00:00+02:00'), 'hour');
    assert.equal(bucketUnit('2026-03-29'), 'day');
    assert.equal(bucketUnit('2026-03'), 'month');
    assert.equal(bucketUnit('week 12'), null);
});

test("hours in the period's zone; the repeated autumn hour shows its offset", () => {
    const labels = ['2026-10-25T01:00:00+02:00', '2026-10-25T02:00:00+02:00', '2026-10-25T02:00:00+01:00',
        '2026-10-25T03:00:00+01:00'];
    const shown = formatBuckets(labels, { locale: 'en-GB', timeZone: 'Europe/Berlin' });
    assert.equal(shown[0], '01:00');
    assert.equal(shown[3], '03:00');
    assert.match(shown[1], /^02:00 GMT\+2$/);
    assert.match(shown[2], /^02:00 GMT\+1$/);
});

test('days and months are calendar labels whatever the zone', () => {
    assert.deepEqual(formatBuckets(['2026-03-29', '2026-03-30'], { locale: 'en-US', timeZone: 'Pacific/Kiritimati' }),
        ['Mar 29', 'Mar 30']);
    assert.deepEqual(formatBuckets(['2025-12', '2026-01'], { locale: 'en-US', timeZone: 'America/Los_Angeles' }),
        ['Dec 2025', 'Jan 2026']);
});

test('last updated as a relative time', () => {
    const now = Date.parse('2026-11-26T14:05:00Z');
    assert.equal(formatLastUpdated(null, now, 'en'), 'never');
    assert.equal(formatLastUpdated(new Date(now - 2000), now, 'en'), 'now');
    assert.equal(formatLastUpdated(new Date(now - 12000), now, 'en'), '12 seconds ago');
    assert.equal(formatLastUpdated(new Date(now - 180000), now, 'en'), '3 minutes ago');
    assert.equal(formatLastUpdated(new Date(now - 2 * 3600000), now, 'en'), '2 hours ago');
    assert.equal(formatLastUpdated(new Date(now - 50 * 3600000), now, 'en'), '2 days ago');
    assert.equal(formatLastUpdated(new Date(now + 3000), now, 'en'), 'now', 'a clock a little ahead');
});

test('short durations', () => {
    assert.equal(formatSeconds(45, 'en'), '45s');
    assert.equal(formatSeconds(240, 'en'), '4m');
    assert.equal(formatSeconds(7200, 'en'), '2h');
});
