/**
 * Bearer tokens on the client side. The claims are decoded for display only (who is signed in,
 * which controls to offer, when the token expires): the server verifies every request.
 */

export const ADMIN_ROLE = 'analytics-admin';
export const VIEWER_ROLE = 'analytics-viewer';

function base64UrlDecode(text) {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
    const binary = atob(base64);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder().decode(bytes);
}

/**
 * The display claims of a JWT: {subject, roles, issuer, expiresAt (Date or null)}, or null when the
 * text is not a JWT with a JSON payload. The signature is not checked.
 */
export function readClaims(token) {
    if (typeof token !== 'string') {
        return null;
    }
    const parts = token.trim().split('.');
    if (parts.length !== 3 || !parts[1]) {
        return null;
    }
    try {
        const payload = JSON.parse(base64UrlDecode(parts[1]));
        if (payload === null || typeof payload !== 'object') {
            return null;
        }
        const groups = Array.isArray(payload.groups) ? payload.groups.filter((g) => typeof g === 'string') : [];
        return {
            subject: String(payload.upn ?? payload.preferred_username ?? payload.sub ?? ''),
            roles: groups,
            issuer: typeof payload.iss === 'string' ? payload.iss : null,
            expiresAt: Number.isFinite(payload.exp) ? new Date(payload.exp * 1000) : null,
        };
    } catch {
        return null;
    }
}

/** Whether the claims name the analytics-admin role (the server decides; this only hides controls). */
export function isAdmin(claims) {
    return Boolean(claims && claims.roles.includes(ADMIN_ROLE));
}

/** Whether the claims say the token has expired at `now`. */
export function isExpired(claims, now = Date.now()) {
    return Boolean(claims && claims.expiresAt && claims.expiresAt.getTime() <= now);
}

/**
 * The WebSocket subprotocols that carry a token in the handshake, the form Quarkus websockets-next
 * reads (browsers cannot set an Authorization header on a WebSocket).
 */
export function webSocketProtocols(token) {
    return ['bearer-token-carrier', encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${token}`)];
}

/** The token in a URL fragment such as '#token=eyJ…' (other fragment parameters are allowed), or null. */
export function tokenFromFragment(hash) {
    if (typeof hash !== 'string' || hash.length < 2) {
        return null;
    }
    const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
    return token && token.trim() ? token.trim() : null;
}

/** The fragment without its token parameter ('' when nothing else is left). */
export function fragmentWithoutToken(hash) {
    const params = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
    params.delete('token');
    const rest = params.toString();
    return rest ? `#${rest}` : '';
}
