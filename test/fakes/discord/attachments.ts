import type { IncomingMessage, ServerResponse } from 'node:http';

/** Where attachment URLs live on the fake's server, as `cdn.discordapp.com/attachments/...` on Discord's CDN. */
export const ATTACHMENTS_PATH = '/attachments/';

/** An attachment's bytes as the CDN serves them. */
export interface StoredFile {
	readonly channelId: string;
	readonly filename: string;
	readonly contentType: string;
	readonly bytes: Buffer;
}

/**
 * The bytes behind attachment URLs, like Discord's CDN. Files go when their message is deleted or an edit drops them
 * (as on Discord), and the oldest go first once the total passes `limitBytes`, so a long test cannot grow without
 * bound; their URLs then answer 404 like an expired CDN link.
 */
export class AttachmentStore {
	/** By attachment id, oldest first. */
	readonly #files = new Map<string, StoredFile>();
	#totalBytes = 0;

	constructor(readonly limitBytes: number) {}

	put(attachmentId: string, file: StoredFile): void {
		this.delete(attachmentId);
		this.#files.set(attachmentId, file);
		this.#totalBytes += file.bytes.length;
		// Oldest first; the newest file stays even if it alone exceeds the limit.
		for (const id of this.#files.keys()) {
			if (this.#totalBytes <= this.limitBytes || id === attachmentId) break;
			this.delete(id);
		}
	}

	delete(attachmentId: string): void {
		const file = this.#files.get(attachmentId);
		if (file === undefined) return;
		this.#files.delete(attachmentId);
		this.#totalBytes -= file.bytes.length;
	}

	/** The file at a CDN path (`/attachments/<channel>/<id>/<filename>`), or undefined. */
	atPath(pathname: string): StoredFile | undefined {
		if (!pathname.startsWith(ATTACHMENTS_PATH)) return undefined;
		const parts = pathname.slice(ATTACHMENTS_PATH.length).split('/');
		if (parts.length !== 3) return undefined;
		const [channelId = '', attachmentId = '', encodedName = ''] = parts;
		let filename: string;
		try {
			filename = decodeURIComponent(encodedName);
		} catch {
			return undefined;
		}
		const file = this.#files.get(attachmentId);
		return file !== undefined && file.channelId === channelId && file.filename === filename ? file : undefined;
	}

	/** Serves `GET`/`HEAD` of an attachment URL: the exact bytes with the upload's content type, else 404. No auth. */
	serve(req: IncomingMessage, res: ServerResponse): void {
		const method = (req.method ?? 'GET').toUpperCase();
		if (method !== 'GET' && method !== 'HEAD') {
			res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' });
			res.end('405: Method Not Allowed');
			return;
		}
		const file = this.atPath(new URL(req.url ?? '/', 'http://localhost').pathname);
		if (file === undefined) {
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			res.end(method === 'HEAD' ? undefined : '404: Not Found');
			return;
		}
		res.writeHead(200, {
			'Content-Type': file.contentType,
			'Content-Length': String(file.bytes.length),
			'Cache-Control': 'public, max-age=31536000',
		});
		res.end(method === 'HEAD' ? undefined : file.bytes);
	}
}
