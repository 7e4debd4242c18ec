package org.rustydb.spi.security;

/**
 * One entry of an access control list, as PostgreSQL's aclitem: privileges {@code grantor} gave
 * {@code grantee}, some of them with grant option.
 *
 * @param grantee      the role name, or null for PUBLIC
 * @param grantor      the role name of the grantor
 * @param privileges   the privileges' bits ({@link Privilege#bit()})
 * @param grantOptions the bits among them held with grant option
 */
public record AclItem(String grantee, String grantor, int privileges, int grantOptions) {

    /** The aclitem text, {@code grantee=arwdDxt/grantor} with {@code *} after grantable letters. */
    public String text() {
        StringBuilder b = new StringBuilder();
        if (grantee != null) {
            b.append(quote(grantee));
        }
        b.append('=');
        for (Privilege p : Privilege.values()) {
            if ((privileges & p.bit()) != 0) {
                b.append(p.letter());
                if ((grantOptions & p.bit()) != 0) {
                    b.append('*');
                }
            }
        }
        return b.append('/').append(quote(grantor)).toString();
    }

    /** A role name as aclitem prints it: double-quoted unless made of letters, digits and underscores. */
    private static String quote(String name) {
        boolean plain = !name.isEmpty();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                plain = false;
            }
        }
        return plain ? name : '"' + name.replace("\"", "\"\"") + '"';
    }
}
