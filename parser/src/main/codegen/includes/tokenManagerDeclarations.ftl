<#-- Freshet: declarations added to the token manager (TOKEN_MGR_DECLS). -->

    /**
     * Completes a PostgreSQL dollar-quoted string. The token's regular expression matched the opening tag
     * ($$ or $tag$) and the body up to its first '$'; this reads on to the closing tag and makes the whole
     * text the token's image.
     */
    void readDollarQuotedBody(Token matchedToken) {
        final String tag = matchedToken.image.substring(0, matchedToken.image.indexOf('$', 1) + 1);
        final StringBuilder text = new StringBuilder(matchedToken.image);
        try {
            // The closing tag must follow the opening one, not overlap it: "$$" alone is not a string.
            while (text.length() < 2 * tag.length()
                    || !text.substring(text.length() - tag.length()).equals(tag)) {
                text.append(input_stream.readChar());
            }
        } catch (java.io.IOException e) {
            throw new TokenMgrError("unterminated dollar-quoted string at or near \"" + tag + "\"",
                TokenMgrError.LEXICAL_ERROR);
        }
        matchedToken.image = text.toString();
        matchedToken.endLine = input_stream.getEndLine();
        matchedToken.endColumn = input_stream.getEndColumn();
    }
