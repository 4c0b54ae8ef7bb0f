package dev.freshet.storage;

class EncodedStateTableTest extends AbstractStateTableTest {
    @Override
    StateTable createTable(StateTableDescriptor descriptor) {
        return StateTables.create(descriptor);
    }
}
