package dev.tollgate.platform.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

/**
 * EdDSA (Ed25519) for Nimbus JOSE+JWT on the JDK's own provider. Nimbus parses and writes the
 * compact JWS and the JWKs, but its Ed25519 signer and verifier need Google Tink; the JDK has
 * signed with Ed25519 since Java 15, so this class only converts the JWK's raw key bytes
 * (RFC 8037) into JDK keys and back. An Ed25519 signature costs microseconds, unlike RSA.
 */
public final class Ed25519Jws {

    private static final String ALGORITHM = "Ed25519";
    // DER prefixes of an Ed25519 SubjectPublicKeyInfo and PKCS#8 PrivateKeyInfo (RFC 8410); the 32 raw bytes follow.
    private static final byte[] PUBLIC_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PRIVATE_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private Ed25519Jws() {
    }

    /** A new key pair as a private JWK; {@link OctetKeyPair#toPublicJWK()} is what verifiers hold. */
    public static OctetKeyPair generate(String keyId) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            byte[] x = rawKey(pair.getPublic().getEncoded(), PUBLIC_PREFIX);
            byte[] d = rawKey(pair.getPrivate().getEncoded(), PRIVATE_PREFIX);
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(d)).keyID(keyId).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no Ed25519", e);
        }
    }

    public static JWSSigner signer(OctetKeyPair key) {
        requireEd25519(key);
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("the signing key '" + key.getKeyID() + "' has no private part ('d')");
        }
        PrivateKey privateKey = jdkKey(key.getDecodedD(), PRIVATE_PREFIX, true);
        return new Signer(privateKey);
    }

    public static JWSVerifier verifier(OctetKeyPair key) {
        requireEd25519(key);
        return new Verifier((PublicKey) jdkKey(key.getDecodedX(), PUBLIC_PREFIX, false));
    }

    private static void requireEd25519(OctetKeyPair key) {
        if (!Curve.Ed25519.equals(key.getCurve())) {
            throw new IllegalArgumentException("key '" + key.getKeyID() + "' is on curve " + key.getCurve() + ", not Ed25519");
        }
    }

    private static byte[] rawKey(byte[] encoded, byte[] prefix) {
        if (encoded.length != prefix.length + 32 || !Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalStateException("unexpected Ed25519 key encoding");
        }
        return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
    }

    @SuppressWarnings("unchecked")
    private static <K> K jdkKey(byte[] raw, byte[] prefix, boolean isPrivate) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 key has 32 bytes, not " + raw.length);
        }
        byte[] encoded = Arrays.copyOf(prefix, prefix.length + 32);
        System.arraycopy(raw, 0, encoded, prefix.length, 32);
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            return (K) (isPrivate ? factory.generatePrivate(new PKCS8EncodedKeySpec(encoded))
                    : factory.generatePublic(new X509EncodedKeySpec(encoded)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid Ed25519 key", e);
        }
    }

    private abstract static class Provider {

        private final JCAContext context = new JCAContext();

        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
        }

        public JCAContext getJCAContext() {
            return context;
        }

        static Signature signature() throws JOSEException {
            try {
                return Signature.getInstance(ALGORITHM);
            } catch (GeneralSecurityException e) {
                throw new JOSEException("the JDK offers no Ed25519", e);
            }
        }
    }

    private static final class Signer extends Provider implements JWSSigner {

        private final PrivateKey key;

        Signer(PrivateKey key) {
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                Signature signature = signature();
                signature.initSign(key);
                signature.update(signingInput);
                return Base64URL.encode(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException("could not sign", e);
            }
        }
    }

    private static final class Verifier extends Provider implements JWSVerifier {

        private final PublicKey key;

        Verifier(PublicKey key) {
            this.key = key;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) throws JOSEException {
            try {
                Signature verification = signature();
                verification.initVerify(key);
                verification.update(signedContent);
                return verification.verify(signature.decode());
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }
}
