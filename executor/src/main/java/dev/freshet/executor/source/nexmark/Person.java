package dev.freshet.executor.source.nexmark;

import static java.util.Objects.requireNonNull;

/**
 * A person registers: a row of {@link NexmarkTable#PERSON}.
 *
 * @param id the person's id, from 1000, dense and increasing in event order
 * @param name a first and a last name from fixed lists
 * @param emailAddress {@code word@word.com}
 * @param creditCard four space-separated groups of four digits
 * @param city one of ten US cities
 * @param state one of six upper-case US state codes
 * @param dateTime when the person registered, in epoch milliseconds
 * @param extra random letters padding the event to 200 bytes on average
 */
public record Person(
        long id,
        String name,
        String emailAddress,
        String creditCard,
        String city,
        String state,
        long dateTime,
        String extra) implements NexmarkEvent {
    public Person {
        requireNonNull(name, "name is null");
        requireNonNull(emailAddress, "emailAddress is null");
        requireNonNull(creditCard, "creditCard is null");
        requireNonNull(city, "city is null");
        requireNonNull(state, "state is null");
        requireNonNull(extra, "extra is null");
    }

    @Override
    public NexmarkTable table() {
        return NexmarkTable.PERSON;
    }

    @Override
    public Object[] toRow() {
        return new Object[] {id, name, emailAddress, creditCard, city, state, dateTime, extra};
    }
}
