#!/usr/bin/env bash
# Mints an RS256 JWT signed with the development key, for local runs only.
#
#   scripts/token.sh ROLE [LIFETIME] [SUBJECT]
#
# ROLE: analytics-viewer | analytics-admin | ingest (or the short forms viewer, admin).
# LIFETIME: seconds, or a number with s, m, h or d (default 12h).
# Environment: CAREBOARD_JWT_KEY (config/dev-keys/private.pem), CAREBOARD_JWT_ISSUER (careboard-dev).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
role=${1:?usage: token.sh ROLE [LIFETIME] [SUBJECT]}
lifetime=${2:-12h}
subject=${3:-local-$role}
key=${CAREBOARD_JWT_KEY:-$here/config/dev-keys/private.pem}
issuer=${CAREBOARD_JWT_ISSUER:-careboard-dev}

case "$role" in
  viewer) role=analytics-viewer ;;
  admin) role=analytics-admin ;;
esac
case "$role" in
  analytics-viewer) groups='["analytics-viewer"]' ;;
  analytics-admin) groups='["analytics-admin"]' ;;
  ingest) groups='["ingest"]' ;;
  *) echo "unknown role '$role' (analytics-viewer, analytics-admin, ingest)" >&2; exit 2 ;;
esac

case "$lifetime" in
  *d) seconds=$(( ${lifetime%d} * 86400 )) ;;
  *h) seconds=$(( ${lifetime%h} * 3600 )) ;;
  *m) seconds=$(( ${lifetime%m} * 60 )) ;;
  *s) seconds=${lifetime%s} ;;
  *) seconds=$lifetime ;;
esac

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now=$(date +%s)
header='{"alg":"RS256","typ":"JWT"}'
payload=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":%s,"iat":%d,"exp":%d,"jti":"%s"}' \
  "$issuer" "$subject" "$subject" "$groups" "$now" $((now + seconds)) "$(openssl rand -hex 12)")
signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature=$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$key" -binary | b64url)
echo "$signing_input.$signature"
