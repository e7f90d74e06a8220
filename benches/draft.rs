//! `draft` without process start-up: load the embedded phrasebook, parse an example outline,
//! plan and render, many times; prints the mean and best time per draft and per stage.
//! Run with `cargo bench --bench draft`.

use std::path::Path;
use std::time::{Duration, Instant};

use jianggao::draft::{Format, Renderer, plan};
use jianggao::outline::Outline;
use jianggao::phrasebook::Phrasebook;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for example in ["examples/welcome.yaml", "examples/symposium.yaml"] {
        let path = root.join(example);
        let runs = 200;
        let mut stages = [Duration::ZERO; 4];
        let mut best = Duration::MAX;
        for _ in 0..runs {
            let t0 = Instant::now();
            let pb = Phrasebook::load(&[]).unwrap();
            let t1 = Instant::now();
            let outline = Outline::load(&path).unwrap();
            let t2 = Instant::now();
            let draft = plan(&outline, &pb, 0, outline.rate.unwrap_or(180)).unwrap();
            let t3 = Instant::now();
            let text = Renderer::new(None).unwrap().render(&draft, Format::Text).unwrap();
            let t4 = Instant::now();
            std::hint::black_box(text);
            for (s, d) in stages.iter_mut().zip([t1 - t0, t2 - t1, t3 - t2, t4 - t3]) {
                *s += d;
            }
            best = best.min(t4 - t0);
        }
        let ms = |d: Duration| d.as_secs_f64() * 1000.0 / runs as f64;
        let total: Duration = stages.iter().sum();
        println!(
            "{example}: {:.2} ms/draft (best {:.2} ms) = phrasebook {:.2} + outline {:.2} + plan {:.2} + render {:.2}",
            ms(total),
            best.as_secs_f64() * 1000.0,
            ms(stages[0]),
            ms(stages[1]),
            ms(stages[2]),
            ms(stages[3]),
        );
    }
}
