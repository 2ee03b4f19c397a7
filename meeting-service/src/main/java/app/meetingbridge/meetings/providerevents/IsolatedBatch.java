package app.meetingbridge.meetings.providerevents;

import java.util.List;

/**
 * How a batch of deliveries is applied so that what goes wrong stays with the delivery it belongs to: the batch is
 * applied whole; if that fails, its deliveries are applied one by one and a delivery that fails on its own is
 * parked while the others are applied. An outage that outlasted the hold is nobody's fault: what is not applied yet
 * is handed back to the queue, never parked.
 */
final class IsolatedBatch {

    private IsolatedBatch() {
    }

    /** The steps, with their effects; each {@code apply} already waits out a short outage. */
    interface Steps<T> {

        void applyAll(List<T> deliveries);

        void applyOne(T delivery);

        /** Whether the failure is an outage that outlasted the hold, rather than a failure of the deliveries. */
        boolean outlastedHold(RuntimeException failure);

        void park(T delivery, RuntimeException why);

        void handBack(List<T> deliveries, RuntimeException outage);

        /** The batch failed as a whole and is applied again one by one. */
        default void splitting(List<T> deliveries, RuntimeException why) {
        }
    }

    static <T> void apply(List<T> deliveries, Steps<T> steps) {
        if (deliveries.isEmpty()) {
            return;
        }
        try {
            steps.applyAll(deliveries);
            return;
        } catch (RuntimeException e) {
            if (steps.outlastedHold(e)) {
                steps.handBack(deliveries, e);
                return;
            }
            steps.splitting(deliveries, e);
        }
        for (int i = 0; i < deliveries.size(); i++) {
            T delivery = deliveries.get(i);
            try {
                steps.applyOne(delivery);
            } catch (RuntimeException e) {
                if (steps.outlastedHold(e)) {
                    steps.handBack(deliveries.subList(i, deliveries.size()), e);
                    return;
                }
                steps.park(delivery, e);
            }
        }
    }
}
