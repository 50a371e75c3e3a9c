// Prints a new Ed25519 key pair for the gateway's internal identity tokens, as two lines for an .env file:
//   TOLLGATE_INTERNAL_SIGNING_KEY  the private JWK, for the gateway only
//   TOLLGATE_INTERNAL_JWKS         the public JWKS, for every service
// Run with a JDK 21 or newer, no build needed: java deploy/InternalKeys.java  (or: ./tollgate keys)
// Only the JDK is used so it runs before anything is built; the platform reads the keys with Nimbus JOSE+JWT.
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

class InternalKeys {

    public static void main(String[] args) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        // The raw 32 bytes (RFC 8037) are the tail of the X.509 and PKCS#8 encodings.
        String x = raw(pair.getPublic().getEncoded());
        String d = raw(pair.getPrivate().getEncoded());
        String kid = "tollgate-" + UUID.randomUUID().toString().substring(0, 8);
        String publicJwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"" + kid + "\",\"x\":\"" + x + "\"}";
        String privateJwk = publicJwk.replace("}", ",\"d\":\"" + d + "\"}");
        System.out.println("TOLLGATE_INTERNAL_SIGNING_KEY='" + privateJwk + "'");
        System.out.println("TOLLGATE_INTERNAL_JWKS='{\"keys\":[" + publicJwk + "]}'");
    }

    private static String raw(byte[] encoded) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }
}
