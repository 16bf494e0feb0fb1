#!/usr/bin/env bash
# Checks an exported audit trail offline with nothing but the audit office's public key.
#
#   curl -H "Authorization: Bearer $TOKEN" $GATEWAY/api/audit/trail/export > trail.jsonl
#   curl $GATEWAY/api/audit/keys > audit-keys.json          # or the PEM from the README
#   audit-service/verify-trail.sh --key audit-keys.json trail.jsonl
#
# Exit 0 and "INTACT <n> records", 1 naming the first bad line and record, 2 on wrong usage.
# Needs a JDK 17+ and the built audit-service jar (mvn -pl audit-service -am package -DskipTests),
# or AUDIT_JAR pointing at a copy of it; the verifier runs inside that jar, no service or database.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=${AUDIT_JAR:-$(ls "$here"/target/audit-service-*.jar 2>/dev/null | grep -v -- '-plain\|-sources\|-tests' | head -1 || true)}
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
  echo "verify-trail.sh: no audit-service jar; build it with: mvn -pl audit-service -am package -DskipTests" >&2
  exit 2
fi
exec java -Dloader.main=cn.govdata.audit.chain.TrailVerifier -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
