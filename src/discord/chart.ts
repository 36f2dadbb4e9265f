import type { APIEmbed, AttachmentPayload } from 'discord.js';
import { type ChartSvg, renderChartAsync } from '../charts/png.ts';

/** An embed with a chart image as its picture, and the file that carries it. */
export interface ChartedEmbed {
	readonly embed: APIEmbed;
	readonly files: readonly AttachmentPayload[];
}

/**
 * Renders `chart` off the main thread and shows it as the embed's image (`attachment://<fileName>`), with the chart's
 * description as the file's alt text. The embed's text is left as it is: it must stand on its own, for readers whose
 * client does not load images.
 */
export async function withChart(embed: APIEmbed, chart: ChartSvg, fileName: string): Promise<ChartedEmbed> {
	const image = await renderChartAsync(chart);
	return {
		embed: { ...embed, image: { url: `attachment://${fileName}` } },
		files: [{ attachment: image.png, name: fileName, description: image.alt }],
	};
}
