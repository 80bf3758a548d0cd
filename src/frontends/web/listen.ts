/**
 * Starting the web server from settings: loopback by default; any other address is an explicit choice and
 * must come with WEB_TOKEN, so a report server is never open to a network by accident.
 */
import { isIP } from "node:net";
import type { Settings } from "../../config/settings.js";
import { AppError } from "../../errors.js";
import type { Engine } from "../shared/report-view.js";
import { createWebServer } from "./server.js";

export interface RunningWeb {
  url: string;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  if (host === "localhost" || host === "::1") return true;
  return isIP(host) === 4 && host.startsWith("127.");
}

export type WebSettings = Pick<Settings, "WEB_HOST" | "WEB_PORT" | "WEB_TOKEN">;

export function checkWebSettings(settings: WebSettings): void {
  if (!isLoopback(settings.WEB_HOST) && !settings.WEB_TOKEN) {
    throw new AppError("CONFIG_INVALID", `WEB_HOST is not a loopback address, and WEB_TOKEN is not set.`, {
      hint: "Set WEB_TOKEN (16 characters or more) to serve beyond this machine, or leave WEB_HOST at 127.0.0.1.",
    });
  }
}

export async function startWeb(
  engine: Engine,
  settings: WebSettings,
  log: (line: string) => void,
): Promise<RunningWeb> {
  checkWebSettings(settings);
  const server = createWebServer({ engine, token: settings.WEB_TOKEN, log });
  try {
    await server.listen({ host: settings.WEB_HOST, port: settings.WEB_PORT });
  } catch (error) {
    await server.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      "CONFIG_INVALID",
      `The web page could not listen on ${settings.WEB_HOST}:${settings.WEB_PORT} (${code ?? "error"}).`,
      {
        cause: error,
        hint: "Set WEB_PORT to a free port (or 0 for any), or WEB_HOST to an address of this machine.",
      },
    );
  }
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : settings.WEB_PORT;
  const host = settings.WEB_HOST.includes(":") ? `[${settings.WEB_HOST}]` : settings.WEB_HOST;
  return { url: `http://${host}:${port}/`, close: () => server.close() };
}

/**
 * For `npm start`: the web page beside the chat or bot. A port already taken is logged and the chat or bot
 * runs on without the page (the page is the extra here); a bad address setting still stops the start.
 */
export async function startWebBeside(
  engine: Engine,
  settings: WebSettings,
  log: (line: string) => void,
): Promise<RunningWeb | undefined> {
  try {
    const web = await startWeb(engine, settings, log);
    log(`Web page: ${web.url}`);
    return web;
  } catch (error) {
    if (error instanceof AppError && error.message.startsWith("The web page could not listen")) {
      log(`Web page not started: ${error.toLine()}`);
      return undefined;
    }
    throw error;
  }
}
