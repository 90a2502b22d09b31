#!/bin/sh
# azd postprovision hook: makes the C2PA signing certificate in Key Vault when it is not there yet — self-signed, EC
# P-256 with an exportable key, digitalSignature, the emailProtection and documentSigning extended key usages that
# C2PA validators require of a signer. Validators report it as untrusted; for trusted manifests import a certificate
# from a CA on the C2PA trust list under the same name (az keyvault certificate import). Re-running keeps what is there.
set -eu

: "${AZURE_KEY_VAULT_NAME:?run through azd (azd up / azd provision) or export AZURE_KEY_VAULT_NAME}"
name="${SONIC_C2PA_CERTIFICATE_NAME:-c2pa-signer}"

log() { printf '[c2pa-certificate] %s\n' "$*" >&2; }

if az keyvault certificate show --vault-name "$AZURE_KEY_VAULT_NAME" --name "$name" --query id -o tsv >/dev/null 2>&1; then
  log "certificate $name is in $AZURE_KEY_VAULT_NAME already"
  exit 0
fi

policy=$(mktemp)
trap 'rm -f "$policy"' EXIT
cat >"$policy" <<'JSON'
{
  "issuerParameters": { "name": "Self" },
  "keyProperties": { "exportable": true, "keyType": "EC", "curve": "P-256", "reuseKey": false },
  "secretProperties": { "contentType": "application/x-pem-file" },
  "x509CertificateProperties": {
    "subject": "CN=SonicFunctions C2PA signer (self-signed), O=SonicFunctions",
    "keyUsage": ["digitalSignature"],
    "ekus": ["1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.36"],
    "validityInMonths": 24
  },
  "lifetimeActions": [{ "trigger": { "daysBeforeExpiry": 30 }, "action": { "actionType": "AutoRenew" } }]
}
JSON
# Role assignments made by this provisioning take a few minutes to apply: retry until they do.
attempts="${SONIC_HOOK_ATTEMPTS:-30}"
delay="${SONIC_HOOK_DELAY_SECONDS:-10}"
i=1
until az keyvault certificate create --vault-name "$AZURE_KEY_VAULT_NAME" --name "$name" --policy "@$policy" --output none; do
  if [ "$i" -ge "$attempts" ]; then
    log "could not create the certificate after $attempts attempts; check your Key Vault Certificates Officer role, then run: azd hooks run postprovision"
    exit 1
  fi
  log "certificate not created yet (attempt $i/$attempts); retrying in ${delay}s"
  i=$((i + 1))
  sleep "$delay"
done
log "created the self-signed C2PA certificate $name in $AZURE_KEY_VAULT_NAME"
