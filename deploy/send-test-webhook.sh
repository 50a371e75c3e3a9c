#!/usr/bin/env bash
# Sends a signed customer.subscription.created (Community Edition, 14-day trial) to a local
# Tollgate, then shows the account's entitlements through the gateway. Needs curl and openssl.
set -euo pipefail
GATEWAY=${GATEWAY:-http://localhost:8080}
# The local run's secret (development only), or STRIPE_WEBHOOK_SECRET when set.
SECRET=$("$(dirname "$0")/../tollgate" webhook-secret)
ACCOUNT=${1:-acct_demo}
NOW=$(date +%s)
TRIAL_END=$((NOW + 14 * 86400))
PAYLOAD='{"id":"evt_'$ACCOUNT'_'$NOW'","object":"event","api_version":"2025-09-30.clover","created":'$NOW',"livemode":false,"type":"customer.subscription.created","data":{"object":{"id":"sub_'$ACCOUNT'","object":"subscription","customer":"cus_'$ACCOUNT'","status":"trialing","trial_start":'$NOW',"trial_end":'$TRIAL_END',"cancel_at_period_end":false,"metadata":{"organization_id":"'$ACCOUNT'"},"items":{"object":"list","data":[{"id":"si_'$ACCOUNT'","object":"subscription_item","current_period_end":'$TRIAL_END',"price":{"id":"price_community_monthly_usd","object":"price","currency":"usd","unit_amount":2000,"recurring":{"interval":"month"}}}]}}}}'
SIGNATURE=$(printf '%s' "$NOW.$PAYLOAD" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.* //')

echo "POST $GATEWAY/webhooks/stripe"
curl -sS -X POST "$GATEWAY/webhooks/stripe" -H 'Content-Type: application/json' \
  -H "Stripe-Signature: t=$NOW,v1=$SIGNATURE" -d "$PAYLOAD"
echo

TOKEN=$(curl -sS "$GATEWAY/dev/tokens" -H 'Content-Type: application/json' \
  -d '{"userId":"user_'$ACCOUNT'","accountId":"'$ACCOUNT'","email":"owner@example.com","roles":["owner"]}' \
  | sed 's/.*"token":"\([^"]*\)".*/\1/')
sleep 3
echo "GET $GATEWAY/api/entitlements/me"
curl -sS "$GATEWAY/api/entitlements/me" -H "Authorization: Bearer $TOKEN"
echo
echo "GET $GATEWAY/api/subscriptions/me"
curl -sS "$GATEWAY/api/subscriptions/me" -H "Authorization: Bearer $TOKEN"
echo
echo "The welcome e-mail (to cus_$ACCOUNT@customers.tollgate.test) is at http://localhost:8025"
