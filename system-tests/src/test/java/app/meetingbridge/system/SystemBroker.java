package app.meetingbridge.system;

import app.meetingbridge.testsupport.TestServices;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/** A connection to this run's virtual host, for publishing to and inspecting what the services declared. */
final class SystemBroker {

    private SystemBroker() {
    }

    static CachingConnectionFactory connect() {
        var mq = TestServices.broker();
        CachingConnectionFactory connection = new CachingConnectionFactory(mq.host(), mq.port());
        connection.setUsername(mq.user());
        connection.setPassword(mq.password());
        connection.setVirtualHost(mq.virtualHost());
        return connection;
    }
}
