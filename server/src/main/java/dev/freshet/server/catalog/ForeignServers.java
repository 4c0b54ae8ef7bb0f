package dev.freshet.server.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How Freshet's sources look to PostgreSQL clients, which know external data as foreign tables:
 * a source is a foreign table ({@code relkind 'f'}), its connector is the foreign server it reads
 * through, and all servers belong to one foreign-data wrapper, {@code freshet}. psql's
 * {@code \d source} prints the server and the options; DBeaver lists sources under "Foreign
 * tables".
 *
 * <p>The servers are the connectors Freshet has, with fixed OIDs, whether or not a source uses
 * them. An option whose name says it holds a secret (a password, a JAAS configuration, a token)
 * is shown masked: the catalogs are readable by every session.
 */
final class ForeignServers {
    static final long WRAPPER_OID = 13300;
    static final String WRAPPER_NAME = "freshet";
    static final String MASK = "********";

    /** A connector as a foreign server. */
    record Server(long oid, String name) {
    }

    private static final List<Server> SERVERS = List.of(
            new Server(13301, "kafka"),
            new Server(13302, "nexmark"),
            new Server(13303, "datagen"));

    private ForeignServers() {
    }

    static List<Server> servers() {
        return SERVERS;
    }

    /** The server of a connector; 0 for a connector this list does not know. */
    static long serverOid(String connector) {
        for (Server server : SERVERS) {
            if (server.name().equals(connector)) {
                return server.oid();
            }
        }
        return 0;
    }

    static boolean isSecret(String optionName) {
        String name = optionName.toLowerCase(Locale.ROOT);
        return name.contains("password") || name.contains("secret") || name.contains("jaas")
                || name.contains("token") || name.contains("credential");
    }

    /**
     * Options as PostgreSQL's {@code ftoptions} holds them: a text array of {@code name=value},
     * in array text form, elements double-quoted where the array syntax needs it.
     */
    static String optionsArray(Map<String, String> options) {
        List<String> elements = new ArrayList<>();
        options.forEach((name, value) -> elements.add(arrayElement(name + "=" + value)));
        return "{" + String.join(",", elements) + "}";
    }

    private static String arrayElement(String text) {
        boolean quote = text.isEmpty() || text.equalsIgnoreCase("null");
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '{' || c == '}' || c == '"' || c == '\\' || Character.isWhitespace(c);
        }
        if (!quote) {
            return text;
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The options of an {@code ftoptions}-style array, as name and value pairs: what
     * {@code pg_options_to_table} returns. Takes the array text form or a list.
     */
    static List<Object[]> parseOptions(Object array) {
        List<Object[]> rows = new ArrayList<>();
        for (String element : arrayElements(array)) {
            int equals = element.indexOf('=');
            if (equals < 0) {
                rows.add(new Object[] {element, null});
            } else {
                rows.add(new Object[] {element.substring(0, equals), element.substring(equals + 1)});
            }
        }
        return rows;
    }

    private static List<String> arrayElements(Object array) {
        List<String> elements = new ArrayList<>();
        if (array == null) {
            return elements;
        }
        if (array instanceof List<?> list) {
            for (Object element : list) {
                if (element != null) {
                    elements.add(element.toString());
                }
            }
            return elements;
        }
        String text = array.toString().trim();
        if (text.startsWith("{") && text.endsWith("}")) {
            text = text.substring(1, text.length() - 1);
        }
        StringBuilder element = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                element.append(text.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ',' && !quoted) {
                elements.add(element.toString());
                element.setLength(0);
                any = false;
            } else {
                element.append(c);
                any = true;
            }
        }
        if (any || element.length() > 0) {
            elements.add(element.toString());
        }
        return elements;
    }
}
