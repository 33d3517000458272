import { ProjectDetailView } from '../features/finance/components/ProjectDetailView';

export function ProjectPage({ params }: { params: Record<string, string> }) {
  return <ProjectDetailView code={params.code ?? ''} />;
}
