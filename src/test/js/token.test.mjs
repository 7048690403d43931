import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
    fragmentWithoutToken, isAdmin, isExpired, readClaims, tokenFromFragment, webSocketProtocols,
} from '../../main/resources/META-INF/resources/js/analytics/token.js';

const base64Url = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');
const jwt = (payload) => `${base64Url({ alg: 'RS256', typ: 'JWT' })}.${base64Url(payload)}.c2lnbmF0dXJl`;

test('claims for display: subject, roles, expiry', () => {
    const claims = readClaims(jwt({ upn: 'ops-lead', groups: ['analytics-admin'], exp: 1800000000, iss: 'careboard-dev' }));
    assert.deepEqual(claims, {
        subject: 'ops-lead', roles: ['analytics-admin'], issuer: 'careboard-dev', expiresAt: new Date(1800000000 * 1000),
    });
    assert.equal(isAdmin(claims), true);
    assert.equal(isExpired(claims, 1800000000 * 1000 - 1), false);
    assert.equal(isExpired(claims, 1800000000 * 1000), true);
});

test('a viewer is not an admin; unicode names decode', () => {
    const claims = readClaims(jwt({ sub: 'Zoë Ødegård', groups: ['analytics-viewer'] }));
    assert.equal(claims.subject, 'Zoë Ødegård');
    assert.equal(isAdmin(claims), false);
    assert.equal(claims.expiresAt, null);
    assert.equal(isExpired(claims), false);
});

test('anything else is not a token', () => {
    for (const text of [null, '', 'abc', 'a.b', 'a.b.c', `${base64Url({})}.${base64Url('text')}.x`, 'x.!!!.y']) {
        assert.equal(readClaims(text), null, String(text));
    }
    assert.deepEqual(readClaims(jwt({ groups: 'analytics-admin' })).roles, [], 'groups must be a list');
});

test('the WebSocket carries the token in the subprotocols Quarkus reads', () => {
    assert.deepEqual(webSocketProtocols('aaa.bbb.ccc'),
        ['bearer-token-carrier', 'quarkus-http-upgrade%23Authorization%23Bearer%20aaa.bbb.ccc']);
});

test('a token in the URL fragment is taken and removed', () => {
    assert.equal(tokenFromFragment('#token=aaa.bbb.ccc'), 'aaa.bbb.ccc');
    assert.equal(tokenFromFragment('#period=week&token=aaa.bbb.ccc'), 'aaa.bbb.ccc');
    assert.equal(tokenFromFragment('#period=week'), null);
    assert.equal(tokenFromFragment(''), null);
    assert.equal(fragmentWithoutToken('#token=aaa.bbb.ccc'), '');
    assert.equal(fragmentWithoutToken('#period=week&token=aaa.bbb.ccc'), '#period=week');
});
