/**
 * The yardstick: LINE's official echo bot example (express + SDK middleware + replyMessage), unchanged in shape,
 * with the API base URL pointed at the benchmark's stand-in. No database, no queue: it answers inside the webhook
 * request and acknowledges after the reply call returns, exactly as the example does.
 *
 * Forked by scripts/bench.ts: env BENCH_SECRET, BENCH_TOKEN, BENCH_LINE_API.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import * as line from '@line/bot-sdk';
import { cpuMs, loopDelay, serve } from './ipc';

const config = { channelSecret: process.env.BENCH_SECRET!, channelAccessToken: process.env.BENCH_TOKEN! };
const client = new line.messagingApi.MessagingApiClient({ channelAccessToken: config.channelAccessToken, baseURL: process.env.BENCH_LINE_API });

const app = express();

// The example's route (it is /callback there; the path does not matter).
app.post('/webhook', line.middleware({ channelSecret: config.channelSecret }), (req, res) => {
  Promise.all((req.body.events as line.webhook.Event[]).map(handleEvent))
    .then((result) => res.json(result))
    .catch((err) => {
      console.error(err);
      res.status(500).end();
    });
});

function handleEvent(event: line.webhook.Event) {
  if (event.type !== 'message' || event.message.type !== 'text') {
    return Promise.resolve(null);
  }
  const echo: line.messagingApi.TextMessage = { type: 'text', text: event.message.text };
  return client.replyMessage({ replyToken: event.replyToken!, messages: [echo] });
}

const server = app.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', port: (server.address() as AddressInfo).port });
});

serve({
  cpu: () => cpuMs(),
  loop: () => loopDelay(),
  idle: () => true,
  counts: () => ({}),
  stop: () => {
    setTimeout(() => process.exit(0), 50);
    return { cpuMs: cpuMs() };
  },
});
