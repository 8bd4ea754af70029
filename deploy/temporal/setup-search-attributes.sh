#!/bin/sh
# Registers the custom search attributes the mission workflows upsert. A workflow that upserts
# an unregistered attribute fails its workflow task, so the API and the worker start only after
# this has exited 0. Safe to re-run: it converges on the desired state instead of parsing
# "already exists" errors, and it fails if an attribute exists with a different type.
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
ATTEMPTS="${SETUP_ATTEMPTS:-60}"

# name:type pairs; keep in step with workflows/messages/search-attributes.ts.
ATTRIBUTES="MissionId:Keyword MissionStatus:Keyword CoordinatorId:Keyword ClientName:Keyword NextDeadline:Datetime AwaitingFunding:Int PayoutStatus:Keyword"

t() { temporal "$@" --address "$ADDRESS"; }

# Retries instead of failing fast: this container has no restart policy (compose would treat
# a non-zero exit as a failed dependency), so transient unavailability is absorbed here.
retry() {
  what=$1
  shift
  i=1
  until "$@" >/dev/null 2>&1; do
    if [ "$i" -ge "$ATTEMPTS" ]; then
      echo "gave up waiting for $what after $ATTEMPTS attempts" >&2
      return 1
    fi
    echo "waiting for $what ($i/$ATTEMPTS)"
    i=$((i + 1))
    sleep 2
  done
}

# auto-setup creates the namespace in the background once the frontend serves, so the
# server being healthy does not yet mean the namespace exists.
retry "Temporal at $ADDRESS" t operator cluster health
retry "namespace $NAMESPACE" t operator namespace describe --namespace "$NAMESPACE"

# registered <name> <type>: listed with exactly that type. CLI versions print the type as
# "Keyword" or "INDEXED_VALUE_TYPE_KEYWORD"; "KeywordList" must not count as "Keyword".
registered() {
  t operator search-attribute list --namespace "$NAMESPACE" |
    grep -w "$1" | grep -Eqi "(^|[[:space:]_])$2([[:space:]]|\$)"
}

all_registered() {
  for pair in $ATTRIBUTES; do
    registered "${pair%%:*}" "${pair#*:}" || return 1
  done
}

missing=""
for pair in $ATTRIBUTES; do
  if ! registered "${pair%%:*}" "${pair#*:}"; then
    missing="$missing --name ${pair%%:*} --type ${pair#*:}"
  fi
done

if [ -n "$missing" ]; then
  echo "registering:$missing"
  # Word splitting of $missing is intended; names and types contain no spaces.
  # shellcheck disable=SC2086
  t operator search-attribute create --namespace "$NAMESPACE" $missing ||
    echo "create reported an error; checking the resulting state" >&2
fi

# Verifies rather than trusts the create call: it covers a concurrent run, an "already exists"
# answer, and the namespace cache catching up on the new attributes.
retry "search attributes on $NAMESPACE" all_registered
echo "search attributes registered on namespace $NAMESPACE"
