package io.outcall.bench.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Which phase each kill aims at: as even a share as the count allows, every phase at least once, shuffled. */
final class KillSchedule {

    private KillSchedule() {
    }

    static List<KillPhase> of(int kills, Random random) {
        KillPhase[] phases = KillPhase.values();
        List<KillPhase> schedule = new ArrayList<>(kills);
        for (int i = 0; i < kills; i++) {
            schedule.add(phases[i % phases.length]);
        }
        Collections.shuffle(schedule, random);
        return schedule;
    }
}
