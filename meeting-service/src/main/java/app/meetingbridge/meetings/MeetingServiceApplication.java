package app.meetingbridge.meetings;

import app.meetingbridge.meetings.messaging.DeadLetterCommand;
import app.meetingbridge.meetings.provider.daily.DailyWebhookCommand;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MeetingServiceApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(DailyWebhookCommand.NAME)) {
            System.exit(DailyWebhookCommand.run(List.of(args).subList(1, args.length), System.getenv(), System.out));
        }
        if (args.length > 0 && args[0].equals(DeadLetterCommand.NAME)) {
            System.exit(DeadLetterCommand.run(List.of(args).subList(1, args.length), System.getenv(), System.out));
        }
        SpringApplication.run(MeetingServiceApplication.class, args);
    }
}
