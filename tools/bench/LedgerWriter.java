import dev.lane.ledger.Ledger;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One writer process of tools/bench/ledger: appends COUNT entries to the ledger through lane's own Ledger class,
 * after all writers are up (it announces itself in READY_DIR and waits for GO_FILE), and prints
 * "startMillis endMillis" of its appends.
 *
 * <p>Usage: java -cp lane.jar:. LedgerWriter LEDGER_FILE WRITER_ID COUNT READY_DIR GO_FILE
 */
public final class LedgerWriter {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String id = args[1];
        int count = Integer.parseInt(args[2]);
        Path ready = Path.of(args[3]);
        Path go = Path.of(args[4]);
        Ledger ledger = new Ledger(file);
        // Load and warm what an append uses before the clock starts: one throwaway append elsewhere.
        new Ledger(ready.resolve("warm-" + id + ".md")).append(
                new LedgerEntry(Instant.now(), LedgerEvent.CLAIMED, "warm", "w", "a", "warm-up"));
        Files.createFile(ready.resolve(id));
        while (!Files.exists(go)) {
            Thread.sleep(1);
        }
        long start = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            ledger.append(new LedgerEntry(Instant.now(), LedgerEvent.SUBMITTED, "bench", "lane-" + id,
                    "writer-" + id, "entry " + i + " of writer " + id + " | with a pipe, a \\ and a\nline break"));
        }
        long end = System.currentTimeMillis();
        System.out.println(start + " " + end);
    }
}
