package app.meetingbridge.meetings.providerevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IsolatedBatchTest {

    /** Records what became of each delivery: those in {@code failing} fail, those in {@code down} meet an outage. */
    static class Recorder implements IsolatedBatch.Steps<String> {

        final Set<String> failing;
        final Set<String> down;
        final List<String> applied = new ArrayList<>();
        final List<String> parked = new ArrayList<>();
        final List<String> handedBack = new ArrayList<>();
        int wholeBatches;

        Recorder(Set<String> failing, Set<String> down) {
            this.failing = failing;
            this.down = down;
        }

        @Override
        public void applyAll(List<String> deliveries) {
            wholeBatches++;
            deliveries.forEach(this::check);
            applied.addAll(deliveries);
        }

        @Override
        public void applyOne(String delivery) {
            check(delivery);
            applied.add(delivery);
        }

        private void check(String delivery) {
            if (down.contains(delivery)) {
                throw new Outage();
            }
            if (failing.contains(delivery)) {
                throw new IllegalArgumentException(delivery + " is refused");
            }
        }

        @Override
        public boolean outlastedHold(RuntimeException failure) {
            return failure instanceof Outage;
        }

        @Override
        public void park(String delivery, RuntimeException why) {
            parked.add(delivery);
        }

        @Override
        public void handBack(List<String> deliveries, RuntimeException outage) {
            handedBack.addAll(deliveries);
        }
    }

    static final class Outage extends RuntimeException {
    }

    @Test
    void appliesAWholeBatchAtOnce() {
        Recorder steps = new Recorder(Set.of(), Set.of());

        IsolatedBatch.apply(List.of("a", "b", "c"), steps);

        assertThat(steps.applied).containsExactly("a", "b", "c");
        assertThat(steps.wholeBatches).isOne();
        assertThat(steps.parked).isEmpty();
    }

    @Test
    void parksOnlyTheDeliveryThatFailsOnItsOwnAndAppliesTheRest() {
        Recorder steps = new Recorder(Set.of("b"), Set.of());

        IsolatedBatch.apply(List.of("a", "b", "c"), steps);

        assertThat(steps.applied).containsExactly("a", "c");
        assertThat(steps.parked).containsExactly("b");
        assertThat(steps.handedBack).isEmpty();
    }

    @Test
    void handsTheWholeBatchBackWhenAnOutageOutlastsTheHoldAndParksNothing() {
        Recorder steps = new Recorder(Set.of(), Set.of("b"));

        IsolatedBatch.apply(List.of("a", "b", "c"), steps);

        assertThat(steps.handedBack).containsExactly("a", "b", "c");
        assertThat(steps.parked).isEmpty();
        assertThat(steps.applied).isEmpty();
    }

    @Test
    void handsBackWhatIsNotAppliedYetWhenTheOutageComesOneByOne() {
        Recorder steps = new Recorder(Set.of("a"), Set.of("c"));

        IsolatedBatch.apply(List.of("a", "b", "c", "d"), steps);

        assertThat(steps.parked).containsExactly("a");
        assertThat(steps.applied).containsExactly("b");
        assertThat(steps.handedBack).containsExactly("c", "d");
    }

    @Test
    void triesALoneFailingDeliveryOnceMoreBeforeParkingIt() {
        List<String> attempts = new ArrayList<>();
        Recorder steps = new Recorder(Set.of("a"), Set.of()) {
            @Override
            public void applyOne(String delivery) {
                attempts.add(delivery);
                super.applyOne(delivery);
            }
        };

        IsolatedBatch.apply(List.of("a"), steps);

        assertThat(attempts).containsExactly("a");
        assertThat(steps.parked).containsExactly("a");
    }

    @Test
    void doesNothingWithAnEmptyBatch() {
        Recorder steps = new Recorder(Set.of(), Set.of());

        IsolatedBatch.apply(List.of(), steps);

        assertThat(steps.wholeBatches).isZero();
    }
}
