/**
 * vcd-codegen runtime, simulator: whether an exchange exists on the broker, asked on a channel of
 * its own (a `checkExchange` of a missing exchange closes the channel it was asked on).
 */
import type { AmqpConnection } from "./amqp-lib.js";

export async function exchangeExists(
  connection: AmqpConnection,
  name: string,
): Promise<boolean> {
  const probe = await connection.createChannel();
  probe.on("error", () => {
    // the broker's 404 closes the probe: that is the answer
  });
  try {
    await probe.checkExchange(name);
    await probe.close().catch(() => {});
    return true;
  } catch {
    return false;
  }
}
