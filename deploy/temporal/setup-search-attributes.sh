#!/bin/sh
# Creates the namespace (the temporalio/server image creates none) and registers the custom
# search attributes the mission workflows upsert. A workflow that upserts an unregistered
# attribute fails its workflow task, so the API and the worker start only after this has exited
# 0. Safe to re-run: it converges on the desired state instead of parsing "already exists"
# errors, and it fails if an attribute exists with a different type.
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
ATTEMPTS="${SETUP_ATTEMPTS:-60}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-168h}"

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

# Closed missions stay inspectable in the UI for a week; the Postgres read model and audit
# trail are the long-term record.
namespace_ready() {
  t operator namespace describe --namespace "$NAMESPACE" ||
    t operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION"
  t operator namespace describe --namespace "$NAMESPACE"
}

retry "Temporal at $ADDRESS" t operator cluster health
retry "namespace $NAMESPACE" namespace_ready

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

# Registers what is missing, then checks that everything is there. Retried as one step: a
# create sent in the second after the namespace was first seen can still fail with "Namespace
# default is not found" (the frontends' namespace cache lags), and it must be sent again.
register_missing() {
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
  all_registered
}

retry "search attributes on $NAMESPACE" register_missing
echo "search attributes registered on namespace $NAMESPACE"
