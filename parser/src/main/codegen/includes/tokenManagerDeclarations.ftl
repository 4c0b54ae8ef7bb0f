<#-- Freshet: declarations added to the token manager (TOKEN_MGR_DECLS). -->

    /**
     * Ends a PostgreSQL dollar-quoted string at its closing tag. The token's regular expression matched from
     * the opening tag ($$ or $tag$) to the end of the input; this cuts the image after the first repetition of
     * the tag and pushes the rest back into the input stream.
     */
    void endDollarQuotedString(Token matchedToken) {
        final String image = matchedToken.image;
        final String tag = image.substring(0, image.indexOf('$', 1) + 1);
        final int close = image.indexOf(tag, tag.length());
        if (close < 0) {
            throw new TokenMgrError("unterminated dollar-quoted string at or near \"" + tag + "\"",
                TokenMgrError.LEXICAL_ERROR);
        }
        final int end = close + tag.length();
        input_stream.backup(image.length() - end);
        matchedToken.image = image.substring(0, end);
        matchedToken.endLine = input_stream.getEndLine();
        matchedToken.endColumn = input_stream.getEndColumn();
    }
