/**
 * vcd-codegen runtime, amqp: an extension service's loop. {@link serveExtension} consumes the
 * service's queue (bound to its registered exchange and routing key), reads each request
 * (`readExtensionRequest`), calls the handler, and publishes its reply where vCD waits for it
 * (`writeExtensionReply`); the request is acknowledged after the reply was confirmed by the broker.
 *
 * A handler that throws is answered `500` with the error's message (vCD would otherwise hold the
 * client until its own time-out) and told to `onError`; a message that is no request is dropped.
 */
import { VcdAmqpError } from "./amqp-error.js";
import {
  readExtensionRequest,
  writeExtensionReply,
  type ExtensionReply,
  type ExtensionReplyMessage,
  type ExtensionRequest,
} from "./extension-message.js";
import type { Consumer, QueueSpec, Subscriber } from "./subscriber.js";

export interface ExtensionService extends Omit<
  QueueSpec,
  "patterns" | "exchange"
> {
  /** The exchange the service registered (`vmext:Exchange`). */
  readonly exchange: string;
  /** The routing key it registered (`vmext:RoutingKey`). */
  readonly routingKey: string;
  /** Told of each handler failure (answered 500). */
  readonly onError?: (error: VcdAmqpError, request: ExtensionRequest) => void;
}

export type ExtensionHandler = (
  request: ExtensionRequest,
) => ExtensionReply | Promise<ExtensionReply>;

export function serveExtension(
  subscriber: Subscriber,
  service: ExtensionService,
  handler: ExtensionHandler,
): Promise<Consumer> {
  const { routingKey, onError, ...queue } = service;
  return subscriber.consume(
    {
      // A service's requests come by exact routing key: a direct exchange, unless told otherwise.
      exchangeType: "direct",
      ...queue,
      patterns: [routingKey],
    },
    async (message) => {
      const request = readExtensionRequest(message);
      const out = await answer(request, handler, onError);
      await subscriber.publish(
        out.exchange,
        out.routingKey,
        out.content,
        out.options,
      );
    },
  );
}

/** The handler's reply, addressed; its failure (a throw, or a reply that is none) answered 500. */
async function answer(
  request: ExtensionRequest,
  handler: ExtensionHandler,
  onError: ExtensionService["onError"],
): Promise<ExtensionReplyMessage> {
  try {
    return writeExtensionReply(request, await handler(request));
  } catch (error) {
    const typed = new VcdAmqpError(
      "handler",
      `the extension handler failed on ${request.method} ${request.requestUri} (answered 500): ${(error as Error)?.message ?? String(error)}`,
      { cause: error },
    );
    onError?.(typed, request);
    return writeExtensionReply(request, {
      statusCode: 500,
      headers: { "Content-Type": "text/plain" },
      body: typed.message,
    });
  }
}
