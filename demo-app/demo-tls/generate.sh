#!/bin/sh
# DEMO ONLY. Makes the certificates of the demo-app's "tls" profile: a throw-away CA that signs a
# server certificate (localhost, 127.0.0.1) and a client certificate, for mutual TLS on the
# "commands" server. The keys are published in this repository: never trust this CA or use these
# keys for anything but trying the demo on your own machine.
#
# Run from anywhere: demo-app/demo-tls/generate.sh   (needs the JDK's keytool; openssl for the PEM key)
set -eu
cd "$(dirname "$0")"
PASS=demo-only
DAYS=9125
RESOURCES=../src/main/resources/demo-tls
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
rm -f ca.crt client.p12 client.crt client.key "$RESOURCES/server.p12" "$RESOURCES/trust.p12"

kt() {
	keytool "$@" -storetype PKCS12 -storepass "$PASS"
}

# the CA; its private key stays in $WORK and is deleted at the end
kt -genkeypair -alias ca -keyalg EC -groupname secp256r1 -keypass "$PASS" -validity "$DAYS" \
	-dname "CN=ipc-demo-app DEMO ONLY CA" -ext bc:c -keystore "$WORK/ca.p12"
kt -exportcert -rfc -alias ca -keystore "$WORK/ca.p12" -file ca.crt

# issue <keystore> <alias> <dname> <extensions...>: a key pair signed by the CA, with its chain
issue() {
	store=$1 alias=$2 dname=$3
	shift 3
	kt -genkeypair -alias "$alias" -keyalg EC -groupname secp256r1 -keypass "$PASS" -validity "$DAYS" \
		-dname "$dname" -keystore "$store"
	kt -certreq -alias "$alias" -keystore "$store" -file "$WORK/$alias.csr"
	kt -gencert -alias ca -keystore "$WORK/ca.p12" -infile "$WORK/$alias.csr" -outfile "$WORK/$alias.crt" -rfc \
		-validity "$DAYS" "$@"
	kt -importcert -noprompt -alias ca -file ca.crt -keystore "$store"
	kt -importcert -alias "$alias" -file "$WORK/$alias.crt" -keystore "$store"
	kt -delete -alias ca -keystore "$store"
}

issue "$RESOURCES/server.p12" server "CN=localhost, O=ipc-demo-app DEMO ONLY" \
	-ext SAN=dns:localhost,ip:127.0.0.1 -ext KU=digitalSignature -ext EKU=serverAuth
issue client.p12 client "CN=demo-client, O=ipc-demo-app DEMO ONLY" \
	-ext KU=digitalSignature -ext EKU=clientAuth

# the server trusts clients signed by the CA
kt -importcert -noprompt -alias ca -file ca.crt -keystore "$RESOURCES/trust.p12"

# PEM files for openssl s_client and socat
kt -exportcert -rfc -alias client -keystore client.p12 -file client.crt
openssl pkcs12 -in client.p12 -passin "pass:$PASS" -nocerts -nodes | openssl pkey -out client.key
