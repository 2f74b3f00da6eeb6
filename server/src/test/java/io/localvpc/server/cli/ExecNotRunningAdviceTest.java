package io.localvpc.server.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localvpc exec} on an instance that is not running says what will make it run, by state. */
class ExecNotRunningAdviceTest {
    @Test
    void aStartingInstanceIsWaitedForNotStarted() {
        String advice = ExecCommand.notRunning("i-0abc", "pending");
        assertFalse(advice.contains("start-instances"), advice);
        assertEquals("instance i-0abc is pending, not running; it is starting; wait until it is running (aws ec2 wait instance-running --instance-ids i-0abc)", advice);
    }

    @Test
    void aStoppedInstanceIsStartedAndAStoppingOneWaitedForFirst() {
        assertTrue(ExecCommand.notRunning("i-0abc", "stopped").endsWith("start it first (aws ec2 start-instances --instance-ids i-0abc)"));
        String stopping = ExecCommand.notRunning("i-0abc", "stopping");
        assertTrue(stopping.contains("aws ec2 wait instance-stopped") && stopping.contains("start-instances"), stopping);
    }

    @Test
    void aTerminatedInstanceIsNotOfferedAStart() {
        for (String state : new String[]{"shutting-down", "terminated"}) {
            String advice = ExecCommand.notRunning("i-0abc", state);
            assertFalse(advice.contains("start-instances"), advice);
            assertTrue(advice.contains("run-instances"), advice);
        }
    }
}
