import { createRequire } from 'node:module';
import { Resvg, type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js';
import { TaskLimit } from '../limit.ts';

/**
 * The family every chart is drawn in: Noto Sans KR (SIL Open Font License), shipped with the project as an npm
 * dependency, so Hangul and Latin render the same on every host. System fonts are never loaded.
 */
export const FONT_FAMILY = 'Noto Sans KR';

/** The weights the charts use; each has its own font file. */
const FONT_MODULES = [
	'@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
	'@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf',
] as const;

/** A chart as SVG, before rendering. */
export interface ChartSvg {
	readonly svg: string;
	readonly width: number;
	readonly height: number;
	/** A plain-text description of the chart, for the attachment's description (at most 1,024 characters). */
	readonly alt: string;
}

/** A rendered chart. */
export interface ChartImage {
	readonly png: Buffer;
	/** Width of the PNG in pixels. */
	readonly width: number;
	/** Height of the PNG in pixels. */
	readonly height: number;
	/** A plain-text description of the chart, for the attachment's description (at most 1,024 characters). */
	readonly alt: string;
}

/**
 * Renders on libuv's thread pool at once. The pool has 4 threads and also serves the file system and the SQLite
 * driver, so a burst of `/leaderboard` charts must not take all of them: answers would wait for the store.
 */
export const CONCURRENT_RENDERS = 2;

const renders = new TaskLimit(CONCURRENT_RENDERS);

let renderOptions: ResvgRenderOptions | undefined;

/**
 * The resolved font files, looked up once per process. resvg-js 2.6 has no way to take font bytes (its native binding
 * ignores `fontBuffers`), so the files are passed by path and resvg reads them during each render.
 */
export function fontFiles(): readonly string[] {
	return options().font?.fontFiles ?? [];
}

function options(): ResvgRenderOptions {
	if (renderOptions === undefined) {
		const require = createRequire(import.meta.url);
		const files = FONT_MODULES.map((module) => {
			try {
				return require.resolve(module);
			} catch {
				throw new Error(`charts: font ${module} is not installed; run npm install`);
			}
		});
		renderOptions = {
			font: {
				loadSystemFonts: false,
				fontFiles: files,
				defaultFontFamily: FONT_FAMILY,
				sansSerifFamily: FONT_FAMILY,
			},
			fitTo: { mode: 'original' },
			logLevel: 'off',
		};
	}
	return renderOptions;
}

/**
 * Renders an SVG document to PNG at the size its `width` and `height` attributes give, with the shipped font as the
 * default family. Synchronous: it holds the event loop for the whole render (see `renderPngAsync`).
 */
export function renderPng(svg: string): Buffer {
	return new Resvg(svg, options()).render().asPng();
}

/**
 * As `renderPng`, but parsing and rendering run on libuv's thread pool, so the event loop stays free meanwhile; at
 * most `CONCURRENT_RENDERS` at once, the others in arrival order.
 */
export function renderPngAsync(svg: string): Promise<Buffer> {
	return renders.run(async () => (await renderAsync(svg, options())).asPng());
}

/** Renders a chart built by one of the `…Svg` functions. */
export function renderChart(chart: ChartSvg): ChartImage {
	return { png: renderPng(chart.svg), width: chart.width, height: chart.height, alt: chart.alt };
}

/** As `renderChart`, off the event loop. */
export async function renderChartAsync(chart: ChartSvg): Promise<ChartImage> {
	return { png: await renderPngAsync(chart.svg), width: chart.width, height: chart.height, alt: chart.alt };
}
