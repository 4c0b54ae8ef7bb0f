package dev.freshet.executor.source.nexmark;

import java.util.SplittableRandom;

/**
 * The channels bids come through and their urls, fixed for a seed: 4 hot channels (Google,
 * Facebook, Baidu, Apple) and 10,000 others named {@code channel-<n>}.
 *
 * <p>The urls are drawn once, from a random of their own seeded by {@code seed ^ 0x5DEECE66D},
 * hot channels first and then channels 0 to 9,999, as the harness draws them. Nine in ten of the
 * other channels' urls end in {@code &channel_id=<abs(Integer.reverse(n))>}, which q21 extracts.
 */
final class BidChannels {
    /** Half of the bids come through a hot channel. */
    static final int HOT_CHANNEL_RATIO = 2;
    static final int CHANNEL_COUNT = 10_000;

    private static final long SEED_SALT = 0x5DEECE66DL;
    private static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};

    private final String[] hotUrls = new String[HOT_CHANNELS.length];
    private final String[] names = new String[CHANNEL_COUNT];
    private final String[] urls = new String[CHANNEL_COUNT];

    BidChannels(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ SEED_SALT);
        for (int i = 0; i < HOT_CHANNELS.length; i++) {
            hotUrls[i] = RandomText.itemUrl(random);
        }
        for (int channel = 0; channel < CHANNEL_COUNT; channel++) {
            names[channel] = "channel-" + channel;
            String url = RandomText.itemUrl(random);
            if (random.nextInt(10) > 0) {
                url = url + "&channel_id=" + Math.abs(Integer.reverse(channel));
            }
            urls[channel] = url;
        }
    }

    static int hotChannelCount() {
        return HOT_CHANNELS.length;
    }

    static String hotName(int index) {
        return HOT_CHANNELS[index];
    }

    String hotUrl(int index) {
        return hotUrls[index];
    }

    String name(int channel) {
        return names[channel];
    }

    String url(int channel) {
        return urls[channel];
    }
}
